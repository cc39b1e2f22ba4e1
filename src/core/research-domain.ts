import { registerEnums } from '../graphql/enums.js';

/** The vocabulary of structured research output (core/entities/research-output.ts). */
export enum ResearchOutputKind {
  PAPER = 'paper',
  GRANT = 'grant',
  AWARD = 'award',
  PATENT = 'patent',
  /** 新技术新项目: a diagnostic or therapeutic technique new to the hospital. */
  CLINICAL_TECHNIQUE = 'clinical_technique',
}

/** Where a paper is indexed; Chinese hospitals count SCI papers and Chinese core journals apart. */
export enum PaperIndex {
  SCI = 'sci',
  SCIE = 'scie',
  SSCI = 'ssci',
  EI = 'ei',
  PUBMED = 'pubmed',
  /** 中国科学引文数据库 */
  CSCD = 'cscd',
  /** 北大中文核心期刊 */
  PKU_CORE = 'pku_core',
  /** 中国科技论文统计源期刊 */
  CSTPCD = 'cstpcd',
}
export const SCI_INDEXES: readonly PaperIndex[] = [PaperIndex.SCI, PaperIndex.SCIE, PaperIndex.SSCI];

/** The talent's place among a paper's authors, as appraisals count it. */
export enum AuthorRole {
  FIRST = 'first',
  CORRESPONDING = 'corresponding',
  FIRST_AND_CORRESPONDING = 'first_and_corresponding',
  CO_FIRST = 'co_first',
  OTHER = 'other',
}

/** The level of a grant, award or technique (a national NSFC grant, a provincial award…). */
export enum ResearchLevel {
  INTERNATIONAL = 'international',
  NATIONAL = 'national',
  PROVINCIAL = 'provincial',
  MUNICIPAL = 'municipal',
  INSTITUTIONAL = 'institutional',
}

/** 发明专利、实用新型、外观设计 */
export enum PatentType {
  INVENTION = 'invention',
  UTILITY_MODEL = 'utility_model',
  DESIGN = 'design',
}

registerEnums('', {
  ResearchOutputKind: [ResearchOutputKind, 'Paper, grant, award, patent or new clinical technique'],
  PaperIndex: [PaperIndex, 'Where a paper is indexed (SCI, SCIE, SSCI, EI, PubMed, CSCD, PKU core, CSTPCD)'],
  AuthorRole: [AuthorRole, "The talent's place among a paper's authors"],
  ResearchLevel: [ResearchLevel, 'Level of a grant, award or technique'],
  PatentType: [PatentType, 'Kind of patent: invention (发明专利), utility model (实用新型) or design (外观设计)'],
});
