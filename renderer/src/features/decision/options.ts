import type { MediatorLoad } from '../../../../electron/shared/ipc/contract';
import { t } from '../../i18n';

/** Which specialised room a dispute type usually goes to (the rooms themselves are a center setting). */
const ROOM_KEYWORDS: Record<string, string> = { '13': '交通', '12': '医疗', '10': '劳动', '01': '婚姻', '14': '物业' };

/** The room whose name fits the dispute type, else the general room (综合), else none. */
export function suggestRoom(disputeType: string, rooms: readonly string[]): string {
  const keyword = ROOM_KEYWORDS[disputeType];
  return (keyword ? rooms.find((r) => r.includes(keyword)) : undefined) ?? rooms.find((r) => r.includes('综合')) ?? '';
}

/** Mediators for a multi-select, least busy first: "李调解（在办 3 件）". */
export function mediatorOptions(loads: readonly MediatorLoad[]): { value: string; label: string }[] {
  return [...loads]
    .sort((a, b) => a.openCases - b.openCases || a.name.localeCompare(b.name, 'zh-CN'))
    .map((m) => ({ value: m.id, label: t.decision.mediatorOption(m.name, m.openCases) }));
}
