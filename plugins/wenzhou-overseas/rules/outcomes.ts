/** 后续…主要对…进行综合评估: the outcome categories a track is assessed on (all tracks' when none is given). */
import type { OutcomeCategory } from '../../../src/index.js';
import { TRACK_CODES, isTrackCode, type WenzhouConfig } from '../config.js';

export function outcomeCategories(track: string | null, config: Pick<WenzhouConfig, 'tracks'>): OutcomeCategory[] {
  const tracks = isTrackCode(track) ? [track] : TRACK_CODES;
  const seen = new Map<string, OutcomeCategory>();
  for (const t of tracks) for (const c of config.tracks[t].outcomeCategories) if (!seen.has(c.code)) seen.set(c.code, c);
  return [...seen.values()];
}
