import type { ReactNode } from 'react';
import { Group, type MantineColor, Text, Timeline } from '@mantine/core';
import {
  IconBan,
  IconCircleCheck,
  IconEdit,
  IconFileCertificate,
  IconFilePlus,
  IconFileSearch,
  IconHandStop,
  IconPaperclip,
  IconPlayerPause,
  IconPlayerPlay,
  IconRosetteDiscountCheck,
  IconSend,
  IconUserCheck,
  IconUsersGroup,
} from '@tabler/icons-react';
import { ATTACHMENT_CATEGORIES } from '../../../../../electron/shared/domain/attachment';
import type { CaseRecord } from '../../../../../electron/shared/domain/case';
import type { CaseActionType } from '../../../../../electron/shared/domain/case-actions';
import { SESSION_OUTCOMES, type SessionSummary } from '../../../../../electron/shared/domain/session';
import { DOCUMENT_TEMPLATES } from '../../../../../electron/shared/domain/document';
import { buildCaseTimeline, isUpcoming, type TimelineEvent } from '../../../../../electron/shared/domain/timeline';
import { t } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { SessionOutcomeBadge, SessionStatusBadge } from '../../sessions/list/SessionBadges';
import { formatSessionTime, sessionOrdinal } from '../../sessions/list/session-labels';
import { clock } from '../../../lib/clock';

const tl = t.sessions.timeline;
const ICON = 12;

const ACTION_ICONS: Partial<Record<CaseActionType, ReactNode>> = {
  REGISTERED: <IconFilePlus size={ICON} />,
  DETAILS_UPDATED: <IconEdit size={ICON} />,
  REFUSED: <IconBan size={ICON} />,
  TRANSFERRED: <IconSend size={ICON} />,
  ASSIGNED: <IconUserCheck size={ICON} />,
  SUSPENDED: <IconPlayerPause size={ICON} />,
  RESUMED: <IconPlayerPlay size={ICON} />,
  AGREEMENT_REACHED: <IconRosetteDiscountCheck size={ICON} />,
  MEDIATION_TERMINATED: <IconHandStop size={ICON} />,
};
const ACTION_COLORS: Partial<Record<CaseActionType, MantineColor>> = { REFUSED: 'gray', SUSPENDED: 'yellow', AGREEMENT_REACHED: 'green', MEDIATION_TERMINATED: 'red' };

/**
 * What the SESSION_RECORDED note adds to the session's badge: the note reads 第1次调解：继续调解；下次调解时间…；…, and
 * the part before the first 「；」 repeats the title and badge.
 */
function outcomeDetail(note: string, ordinal: string, outcome: SessionSummary['outcome']): string | undefined {
  const head = outcome ? `${ordinal}：${SESSION_OUTCOMES[outcome]}` : ordinal;
  const rest = note.startsWith(head) ? note.slice(head.length).replace(/^[；;，,\s]+/, '') : note;
  return rest || undefined;
}

interface Shown {
  bullet: ReactNode;
  color?: MantineColor;
  title: ReactNode;
  /** Second line: what it concerns. */
  detail?: ReactNode;
  /** Last line: when, by whom. */
  meta: string;
  dashed?: boolean;
}

function show(e: TimelineEvent, staffName: (id: string) => string): Shown {
  const when = formatDateTime(e.at);
  const by = e.by ? ` · ${t.caseDetail.by(staffName(e.by))}` : '';
  switch (e.kind) {
    case 'action':
      return {
        bullet: ACTION_ICONS[e.action.type] ?? <IconCircleCheck size={ICON} />,
        color: ACTION_COLORS[e.action.type],
        title: t.caseActions[e.action.type],
        detail: e.action.note || undefined,
        meta: `${when}${by}`,
      };
    case 'session': {
      const s = e.session;
      const badge = s.outcome ? <SessionOutcomeBadge outcome={s.outcome} size="xs" /> : s.status !== 'closed' ? <SessionStatusBadge status={s.status} size="xs" /> : null;
      const place = s.place ? ` · ${s.place}` : '';
      const meta =
        e.phase === 'upcoming' || e.phase === 'cancelled'
          ? `${tl.scheduledFor(formatSessionTime(s.scheduledAt))}${place}`
          : e.phase === 'due'
            ? `${tl.scheduledFor(formatSessionTime(s.scheduledAt))}${place} · ${tl.due}`
            : `${when}${place}`;
      return {
        bullet: s.kind === 'session' ? <IconUsersGroup size={ICON} /> : <IconFileSearch size={ICON} />,
        color: e.phase === 'cancelled' ? 'gray' : e.phase === 'open' || e.phase === 'due' ? 'orange' : s.kind === 'investigation' ? 'teal' : undefined,
        title: (
          <Group gap={6} component="span">
            <span>{tl.session(sessionOrdinal(s))}</span>
            {badge}
          </Group>
        ),
        detail: s.kind === 'investigation' && s.subjectLabel ? tl.subject(s.subjectLabel) : outcomeDetail(e.recorded?.note ?? '', sessionOrdinal(s), s.outcome),
        meta,
        dashed: e.phase === 'upcoming',
      };
    }
    case 'document':
      return {
        bullet: <IconFileCertificate size={ICON} />,
        // A record's stored title names its session already (人民调解记录（第1次调解）): the form's title, then the session.
        title: tl.document(e.subject ? DOCUMENT_TEMPLATES[e.document.template].title : e.document.title, e.document.version),
        detail: e.subject ? sessionOrdinal(e.subject) : undefined,
        meta: `${when}${by}`,
      };
    case 'attachment':
      return {
        bullet: <IconPaperclip size={ICON} />,
        color: 'gray',
        title: tl.attachment(e.attachment.label),
        detail: [ATTACHMENT_CATEGORIES[e.attachment.category], e.session ? tl.addedTo(sessionOrdinal(e.session)) : null].filter(Boolean).join(' · '),
        meta: `${when}${by}`,
      };
    default:
      throw new Error(`unknown timeline event ${String(e satisfies never)}`);
  }
}

/**
 * 办理经过: the case from registration on — decisions, each session and investigation with its outcome, documents
 * issued, material added — oldest first, as a case file reads; sessions still ahead close the list, drawn dashed.
 */
export function CaseTimeline({ record, staffName, now }: { record: CaseRecord; staffName: (id: string) => string; /** ISO date-time; defaults to the clock @default clock.nowIso() */ now?: string }) {
  const events = buildCaseTimeline(record, now ?? clock.nowIso());
  if (events.length === 0) {
    return (
      <Text c="dimmed" fz="sm">
        {tl.empty}
      </Text>
    );
  }
  const done = events.filter((e) => !isUpcoming(e)).length;
  return (
    <Timeline active={done - 1} bulletSize={22} lineWidth={2} aria-label={tl.section}>
      {events.map((e, i) => {
        const s = show(e, staffName);
        const upcoming = isUpcoming(e);
        return (
          <Timeline.Item
            key={e.key}
            bullet={s.bullet}
            color={upcoming ? undefined : s.color}
            lineVariant={s.dashed || (i < events.length - 1 && isUpcoming(events[i + 1]!)) ? 'dashed' : 'solid'}
            title={
              <Text fz="sm" fw={600} component="div" c={upcoming ? 'dimmed' : undefined}>
                {s.title}
              </Text>
            }
          >
            {s.detail ? (
              <Text fz="sm" mt={2}>
                {s.detail}
              </Text>
            ) : null}
            <Text fz="xs" c="dimmed" mt={2}>
              {upcoming ? `${tl.upcoming} · ` : ''}
              {s.meta}
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
