import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codegen } from '@graphql-codegen/core';
import * as operationsPlugin from '@graphql-codegen/typescript-operations';
import { parse } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { TENANTS, TYPES_CONFIG } from '../../schema/codegen.js';

/**
 * What a front-end team does with schema/: generate TypeScript types for its operations with the
 * shipped codegen configuration, and compile code that uses them (issue 17).
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'codegen-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function generate(tenant: string): Promise<string> {
  const schema = parse(readFileSync(join(root, 'schema', `${tenant}.graphql`), 'utf8'));
  const dir = join(root, 'schema', 'operations', tenant);
  const documents = (existsSync(dir) ? readdirSync(dir) : []).filter((f) => f.endsWith('.graphql')).map((f) => ({ location: f, document: parse(readFileSync(join(dir, f), 'utf8')) }));
  return codegen({
    schema,
    documents,
    filename: `${tenant}.ts`,
    plugins: [{ typescriptOperations: {} }],
    pluginMap: { typescriptOperations: operationsPlugin },
    config: TYPES_CONFIG,
  });
}

describe('codegen for front-end teams', () => {
  it('the shipped configuration covers every tenant schema in schema/, and maps every custom scalar (strictScalars)', async () => {
    expect(TENANTS).toEqual(expect.arrayContaining(['wenzhou', 'guizhou', 'yuping']));
    for (const tenant of TENANTS) expect((await generate(tenant)).length).toBeGreaterThan(0);
  });

  it('generates types for the example operations, and code using them type-checks (a wrong use does not)', async () => {
    for (const tenant of TENANTS) writeFileSync(join(out, `${tenant}.ts`), await generate(tenant));
    const use = `import type { OverdueReportsQuery, CreateTalentMutationVariables, StatisticsQuery } from './wenzhou.js';
import type { DashboardQuery } from './guizhou.js';
import type { CountyDashboardQuery } from './yuping.js';
import type { ResearchComparisonQuery } from './wuhanunion.js';
import type { DelegationDashboardQuery } from './pumch.js';
export function firstOverdue(q: OverdueReportsQuery): string | null { return q.reports.nodes[0]?.dueOn ?? null; }
export function owed(q: StatisticsQuery): number { return q.wenzhouStatistics.clawbackOutstandingFen; }
export function rate(q: DashboardQuery): string | null { return q.guizhouDashboard.overall.completionRatePercent; }
export function heads(q: CountyDashboardQuery): number { return q.countyDashboard.departmentHeads; }
export function grantFen(q: ResearchComparisonQuery): number { return q.hospitalResearchComparison.byChannel[0]!.after.grantFen; }
export function overdue(q: DelegationDashboardQuery): number { return q.delegationDashboard.plansOverdue; }
export const input: CreateTalentMutationVariables['input'] = { name: '林志远', gender: 'MALE', birthDate: '1980-05-01', unitId: 'x', field: 'WESTERN_MEDICINE', profession: 'DOCTOR', titleGrade: 'SENIOR', highestDegree: 'DOCTORATE' };
`;
    writeFileSync(join(out, 'use.ts'), use);
    const tsc = (files: string[]) =>
      new Promise<{ code: number; output: string }>((resolve) =>
        execFile(join(root, 'node_modules/.bin/tsc'), ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', ...files], { cwd: out }, (e, stdout, stderr) =>
          resolve({ code: e ? ((e as { code?: number }).code ?? 1) : 0, output: stdout + stderr }),
        ),
      );
    const ok = await tsc(['use.ts']);
    expect(ok.output).toBe('');
    expect(ok.code).toBe(0);
    // The types say something: a Date is a string, a dashboard count a number.
    writeFileSync(join(out, 'misuse.ts'), `import type { CountyDashboardQuery } from './yuping.js';\nexport const n = (q: CountyDashboardQuery): string => q.countyDashboard.departmentHeads;\n`);
    const bad = await tsc(['misuse.ts']);
    expect(bad.code).not.toBe(0);
    expect(bad.output).toMatch(/not assignable to type 'string'/);
  });
});
