import { type RefObject, useMemo } from 'react';
import type { Attachment } from '../../../../../electron/shared/domain/attachment';
import { type Attendee, type CaucusSide, type SessionKind, maySpeakInCaucus } from '../../../../../electron/shared/domain/session';
import { t } from '../../../i18n';
import type { RecordState } from './record-state';
import { displaySpeaker, speakerNumber, toneOf } from './speakers';
import { StatementItem, type ItemHandlers } from './StatementItem';
import type { SpeakerOption } from './StatementMenu';
import type { Editing } from './useEditorCommands';
import classes from './SessionEditor.module.css';

export interface StatementListProps {
  listRef: RefObject<HTMLOListElement | null>;
  state: RecordState;
  sessionKind: SessionKind;
  subjectId: string | null;
  editable: boolean;
  closed: boolean;
  editing: Editing | null;
  speakers: readonly Attendee[];
  attachments: ReadonlyMap<string, Attachment[]>;
  on: ItemHandlers;
}

/** The record so far, in order; it scrolls, the composer below it does not. */
export function StatementList({ listRef, state, sessionKind, subjectId, editable, closed, editing, speakers, attachments, on }: StatementListProps) {
  const { statements, attendees } = state;
  const byId = useMemo(() => new Map(attendees.map((a) => [a.id, a])), [attendees]);
  // One stable list per mode: a caucus statement is offered only that side and the staff (numbers kept).
  const options = useMemo(() => {
    const of = (caucus: CaucusSide | null): SpeakerOption[] =>
      speakers.filter((a) => caucus === null || maySpeakInCaucus(a, caucus)).map((a) => ({ id: a.id, label: displaySpeaker(a, sessionKind, subjectId), number: speakerNumber(speakers, a.id) }));
    return { joint: of(null), applicant: of('applicant'), respondent: of('respondent'), third_party: of('third_party') };
  }, [speakers, sessionKind, subjectId]);
  // Stable per edit position, so that an item re-renders only when it starts or stops being edited.
  const caret = editing?.caret ?? null;
  const editingProp = useMemo(() => ({ caret }), [caret]);

  if (statements.length === 0) {
    return (
      <ol className={classes.list} ref={listRef} aria-label={sessionKind === 'session' ? t.sessionEditor.list.label : t.sessionEditor.list.labelInvestigation} style={{ display: 'flex' }}>
        <li className={classes.empty}>{closed ? t.sessionEditor.list.emptyClosed : t.sessionEditor.list.empty}</li>
      </ol>
    );
  }
  return (
    <ol className={classes.list} ref={listRef} aria-label={sessionKind === 'session' ? t.sessionEditor.list.label : t.sessionEditor.list.labelInvestigation}>
      {statements.map((s, i) => {
        const speaker = byId.get(s.speakerId);
        return (
          <StatementItem
            key={s.id}
            statement={s}
            index={i}
            speakerText={speaker ? displaySpeaker(speaker, sessionKind, subjectId) : ''}
            tone={toneOf(speaker)}
            attachments={attachments.get(s.id)}
            editable={editable}
            editing={editing?.id === s.id ? editingProp : null}
            isLast={i === statements.length - 1}
            canMerge={i > 0 && statements[i - 1]!.caucus === s.caucus}
            speakerOptions={options[s.caucus ?? 'joint']}
            on={on}
          />
        );
      })}
    </ol>
  );
}
