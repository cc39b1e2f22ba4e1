import type { NotifySettings } from '../tenancy/settings.js';

/** Where one message goes: its recipient, the channel chosen for them, and the address or robot. */
export interface Route {
  recipient: string;
  channel: 'email' | 'wecom' | 'dingtalk';
  /** An email address, or a robot's name in the tenant file. */
  target: string;
}

/**
 * The first channel in a recipient's list that can reach them: `inbox` stops (nothing beyond the
 * inbox), `email` needs the tenant's SMTP and an address, `robot:<name>` a robot of the tenant
 * file. One channel per recipient: nobody gets the same reminder twice.
 */
export function chooseRoute(recipient: string, channels: readonly string[], address: string | null | undefined, settings: NotifySettings): Route | null {
  for (const c of channels) {
    if (c === 'inbox') return null;
    if (c === 'email') {
      if (settings.email && address) return { recipient, channel: 'email', target: address };
      continue;
    }
    const robot = settings.robots[c.slice('robot:'.length)];
    if (c.startsWith('robot:') && robot) return { recipient, channel: robot.kind, target: c.slice('robot:'.length) };
  }
  return null;
}
