import { registerEnums } from '../graphql/enums.js';

/** A talent's post in their unit, ordered from the lowest (the "role" indicator of an evaluation). */
export enum TalentPost {
  STAFF = 'staff',
  /** 科室骨干 */
  BACKBONE = 'backbone',
  /** 科室副主任 / 副护士长 */
  DEPUTY_HEAD = 'deputy_head',
  /** 科室主任 / 护士长 */
  HEAD = 'head',
  /** 院领导 */
  HOSPITAL_LEADER = 'hospital_leader',
}
export const POST_ORDER: readonly TalentPost[] = [TalentPost.STAFF, TalentPost.BACKBONE, TalentPost.DEPUTY_HEAD, TalentPost.HEAD, TalentPost.HOSPITAL_LEADER];

/** A baseline (recorded when the application is decided) or a follow-up (months after return). */
export enum SnapshotKind {
  BASELINE = 'baseline',
  FOLLOW_UP = 'follow_up',
}

/** Who the change of a group is compared with. */
export enum ComparisonDesign {
  /** Trainees against the applicants of the same programme who were not selected. */
  NOT_SELECTED = 'not_selected',
  /** No one was turned down: the trainees against their own equal window before the stay. */
  OWN_BEFORE = 'own_before',
}

/** What the comparison measures, per person: output counts in the window, steps up the title and post scales. */
export enum EvaluationIndicator {
  OUTPUTS = 'outputs',
  PAPERS = 'papers',
  SCI_PAPERS = 'sci_papers',
  GRANTS = 'grants',
  NEW_TECHNIQUES = 'new_techniques',
  PATENTS = 'patents',
  AWARDS = 'awards',
  TITLE_STEPS = 'title_steps',
  POST_STEPS = 'post_steps',
}

/** Which research outputs count: every one the talent reported, or only those the unit verified. */
export enum OutputConfidence {
  REPORTED = 'reported',
  VERIFIED = 'verified',
}

/** The report kind of a follow-up; its sequence is the months after return. */
export const FOLLOW_UP_REPORT_KIND = 'evaluation.follow_up';

registerEnums('', {
  TalentPost: [TalentPost, "A talent's post in their unit (staff, backbone, deputy head, head, hospital leader)"],
  SnapshotKind: [SnapshotKind, 'A baseline at the decision or a follow-up after return'],
  ComparisonDesign: [ComparisonDesign, 'Trainees against those not selected, or against their own window before'],
  EvaluationIndicator: [EvaluationIndicator, 'What an outcome comparison measures per person'],
  OutputConfidence: [OutputConfidence, 'Research output as reported by the talent, or as verified by the unit'],
});

/** What a comparison is broken down by. */
export enum ComparisonLevelEnum {
  PROGRAMME = 'programme',
  TRACK = 'track',
  SCHEME = 'scheme',
  /** Each track across the scheme's programmes (a hospital's channel across years). */
  SCHEME_TRACK = 'scheme_track',
}
registerEnums('', { ComparisonLevel: [ComparisonLevelEnum, 'Each programme, each programme track, the whole scheme, or each track across the scheme'] });
