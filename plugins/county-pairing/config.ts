import { z } from 'zod';

/** The tenant configuration of county-pairing (`tenants/<key>.yaml`, `plugins.county-pairing.config`). */
export const CountyConfig = z.object({
  /** Most apprentices one mentor may take ("one belt one, one belt two"). */
  maxMentorCapacity: z.number().int().min(1).max(2).default(2),
  /** The mentor signs the case log off every this many months of the pairing period. */
  signOffEveryMonths: z.number().int().min(1).max(6).default(1),
  /** A stage review falls due this many days after the stage ends. */
  stageReviewAfterDays: z.number().int().min(0).max(60).default(7),
  /** Shortest reason the commission must give for adjusting a pair. */
  minAdjustReasonLength: z.number().int().min(1).max(200).default(5),
});
export type CountyConfig = z.infer<typeof CountyConfig>;
export const PLUGIN_KEY = 'county-pairing';
