/**
 * 协议 and 五(三) 强化待遇保障: the clauses of a talent's agreement for one stay, as a pure function
 * of what was recorded. The plan's guarantees are in every agreement (the unit owes them); the
 * talent owes the agreed tasks, a return on the approved day, and the service period after it.
 * A clawback (单位有权追回相关待遇保障) names the clause that was broken.
 */
import { WenzhouClawbackReason } from '../entities/enums.js';

export type ClauseKind = 'guarantee' | 'task' | 'return' | 'service';
export interface Clause {
  code: string;
  kind: ClauseKind;
  /** Who owes it: the unit (the plan's guarantees) or the talent. */
  owedBy: 'unit' | 'talent';
  text: string;
}

/** The plan's guarantees, word for word (五(三)). */
export const GUARANTEES: readonly Clause[] = [
  { code: 'G1', kind: 'guarantee', owedBy: 'unit', text: '研学期间现有职务、职称予以保留' },
  { code: 'G2', kind: 'guarantee', owedBy: 'unit', text: '研学期间基础工资全额发放' },
  { code: 'G3', kind: 'guarantee', owedBy: 'unit', text: '奖励性绩效工资不低于所在科室（单位）平均水平' },
];

export function agreementClauses(a: { tasks: readonly string[]; servicePeriodMonths: number }): Clause[] {
  return [
    ...GUARANTEES,
    ...a.tasks.map((text, i): Clause => ({ code: `T${i + 1}`, kind: 'task', owedBy: 'talent', text })),
    { code: 'R1', kind: 'return', owedBy: 'talent', text: '按批准的期限返岗，未经单位同意不得擅自延长出国期限' },
    { code: 'S1', kind: 'service', owedBy: 'talent', text: `返岗后服务期${a.servicePeriodMonths}个月，服务期未满不得调离` },
  ];
}

/** Which kind of clause each ground of clawback breaks (未按协议约定完成研学任务 / 擅自延长 / 服务期未满调离). */
export const CLAWBACK_CLAUSE_KIND: Record<WenzhouClawbackReason, ClauseKind> = {
  [WenzhouClawbackReason.TASKS_NOT_COMPLETED]: 'task',
  [WenzhouClawbackReason.UNAPPROVED_EXTENSION]: 'return',
  [WenzhouClawbackReason.LEFT_BEFORE_SERVICE_END]: 'service',
};

/**
 * The clause a clawback rests on: the one named (it must be of the ground's kind), or the only
 * clause of that kind. Returns a problem message instead when there is none or it is ambiguous.
 */
export function clawbackClause(clauses: readonly Clause[], reason: WenzhouClawbackReason, code: string | null | undefined): Clause | string {
  const kind = CLAWBACK_CLAUSE_KIND[reason];
  const ofKind = clauses.filter((c) => c.kind === kind);
  if (code) {
    const c = clauses.find((x) => x.code === code);
    if (!c) return `the agreement has no clause ${code}; it has ${clauses.map((x) => x.code).join(', ')}`;
    if (c.kind !== kind) return `clause ${code} (${c.text}) is not a ${kind} clause, which ${reason} breaks: one of ${ofKind.map((x) => x.code).join(', ') || 'none'}`;
    return c;
  }
  if (ofKind.length === 1) return ofKind[0]!;
  return ofKind.length ? `name the task clause that was not completed: one of ${ofKind.map((x) => x.code).join(', ')}` : `the agreement has no ${kind} clause`;
}

/** The guarantees a month's pay missed: base salary not in full (G2), incentive pay below the department average (G3). */
export function guaranteesMissed(p: { baseSalaryFen: number; baseSalaryDueFen: number; performancePayFen: number; departmentAverageFen: number }): string[] {
  const out: string[] = [];
  if (p.baseSalaryFen < p.baseSalaryDueFen) out.push('BASE_SALARY_NOT_IN_FULL');
  if (p.performancePayFen < p.departmentAverageFen) out.push('PERFORMANCE_BELOW_AVERAGE');
  return out;
}
