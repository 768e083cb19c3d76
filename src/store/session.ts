import type { Campaign } from '../domain/campaign';
// The demo campaign without its translated labels: the field app adds them when it needs them.
import { DEMO_CAMPAIGN_BASE as DEMO_CAMPAIGN } from '../domain/demo-campaign-base';
import { uuidv7 } from '../domain/ids';
import type { SessionMode, Settings } from '../platform/settings';
import type { PingyiDb } from './db';

/**
 * Who is collecting, for which campaign, under which chain. The built-in practice campaign uses a
 * local device id whose records are never sent; an enrolled tablet uses the server's device id.
 */
export interface Session {
  campaign: Campaign;
  deviceId: string;
  collector: string;
  practice: boolean;
  role?: 'representative' | 'inspector' | 'coordinator';
}

/** What the sync module keeps in kv 'enrollment' once the office has enrolled this tablet. */
export interface Enrollment {
  serverUrl: string;
  deviceId: string;
  keyId: string;
  alg: string;
  collector: string;
  role: 'representative' | 'inspector' | 'coordinator';
  campaignId: string;
  enrolledAt: string;
}

/** The session the shell runs, with what the settings screen needs to offer a switch. */
export interface LoadedSession {
  session: Session;
  mode: SessionMode;
  enrollment?: Enrollment;
  /** The practice chain's device id (shown in settings even while enrolled). */
  practiceDeviceId: string;
  /** Enrolled, but its campaign is missing from db.campaigns: running practice meanwhile. */
  enrolledCampaignMissing: boolean;
}

/** The collector id of practice records (they never leave the tablet). */
export const PRACTICE_COLLECTOR = 'practice';

const ROLES = ['representative', 'inspector', 'coordinator'];

/** Reads kv 'enrollment'; anything not of the agreed shape counts as not enrolled. */
export async function readEnrollment(db: PingyiDb): Promise<Enrollment | undefined> {
  const row = await db.kv.get('enrollment');
  const v = row?.value as Partial<Enrollment> | undefined;
  if (!v || typeof v !== 'object') return undefined;
  const strings = ['serverUrl', 'deviceId', 'keyId', 'alg', 'collector', 'campaignId', 'enrolledAt'] as const;
  if (!strings.every((k) => typeof v[k] === 'string' && v[k] !== '')) return undefined;
  if (!ROLES.includes(v.role as string)) return undefined;
  return v as Enrollment;
}

/** A campaign definition by id: the enrolled copy in db.campaigns, else the built-in one. */
export async function campaignById(db: PingyiDb, id: string): Promise<Campaign | undefined> {
  const stored = await db.campaigns.get(id);
  if (stored) return stored.definition;
  return id === DEMO_CAMPAIGN.id ? DEMO_CAMPAIGN : undefined;
}

/**
 * Builds the session: the enrolled campaign when the tablet is enrolled (unless the user chose
 * practice in settings), else the built-in practice campaign under a local device id, ready at
 * once with no account.
 */
export async function buildSession(db: PingyiDb, settings: Settings, newLocalId: () => string = () => `local-${uuidv7()}`): Promise<LoadedSession> {
  const [enrollment, chosen, practiceDeviceId] = await Promise.all([readEnrollment(db), settings.mode(), settings.practiceDeviceId(newLocalId)]);
  const practice: LoadedSession = {
    session: { campaign: DEMO_CAMPAIGN, deviceId: practiceDeviceId, collector: PRACTICE_COLLECTOR, practice: true },
    mode: 'practice',
    enrollment,
    practiceDeviceId,
    enrolledCampaignMissing: false,
  };
  if (!enrollment || chosen === 'practice') return practice;

  const stored = await db.campaigns.get(enrollment.campaignId);
  if (!stored) return { ...practice, enrolledCampaignMissing: true };
  return {
    session: {
      campaign: stored.definition,
      deviceId: enrollment.deviceId,
      collector: enrollment.collector,
      practice: false,
      role: enrollment.role,
    },
    mode: 'enrolled',
    enrollment,
    practiceDeviceId,
    enrolledCampaignMissing: false,
  };
}
