/** Labels of the engine's vocabularies, as GET /vocabulary gives them (loaded at start, see session.ts). */
import { session } from './session';

const labelIn = (labels: Readonly<Record<string, string>> | undefined, key: string): string => labels?.[key] ?? key;

export const hazardStatusLabel = (status: string | null | undefined): string => (status ? labelIn(session.vocabulary?.hazardStatuses, status) : '—');

/** The most severe measure taken; `none` (as the counts name it) and null mean no measure yet. */
export const escalationLabel = (action: string | null | undefined): string =>
  !action || action === 'none' ? '未督办' : labelIn(session.vocabulary?.escalationActions, action);

export const discoveryChannelLabel = (channel: string): string => labelIn(session.vocabulary?.discoveryChannels, channel);

export const timelineKindLabel = (kind: string): string => labelIn(session.vocabulary?.timelineEntryKinds, kind);
