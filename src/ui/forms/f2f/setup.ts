import type { Campaign } from '../../../domain/campaign';
import { CHANNELS, type Channel } from './model';

/** The unit and place chosen once and kept for the rest of the session (the browser tab). */
export interface F2fSetup {
  unitId: string;
  channel: Channel;
}

const key = (deviceId: string, campaignId: string) => `pingyi:f2f-setup:${deviceId}:${campaignId}`;

/** The remembered setup, if it still names a unit of the campaign. */
export function readSetup(store: Storage | undefined, deviceId: string, campaign: Campaign): F2fSetup | undefined {
  try {
    const raw = store?.getItem(key(deviceId, campaign.id));
    if (!raw) return undefined;
    const v = JSON.parse(raw) as Partial<F2fSetup>;
    if (!campaign.units.some((u) => u.id === v.unitId) || !CHANNELS.includes(v.channel as Channel)) return undefined;
    return { unitId: v.unitId!, channel: v.channel! };
  } catch {
    return undefined;
  }
}

export function writeSetup(store: Storage | undefined, deviceId: string, campaignId: string, setup: F2fSetup): void {
  try {
    store?.setItem(key(deviceId, campaignId), JSON.stringify(setup));
  } catch {
    // Private mode or a full quota: the setup is then asked again next time, nothing else is lost.
  }
}

/** The tab's session storage where the browser has one. */
export function sessionStore(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}
