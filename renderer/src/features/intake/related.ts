import { useCallback, useEffect, useRef, useState } from 'react';
import type { IdType } from '../../../../electron/shared/domain/codes';
import type { RelatedCase, RelatedMatch, RelatedQuery } from '../../../../electron/shared/ipc/contract';
import { normaliseDocumentNumber } from '../../../../electron/shared/validation/normalise';
import { checkPhone } from '../../../../electron/shared/validation/phone';
import { checkIdentity } from '../../../../electron/shared/validation/identity';
import { call } from '../../api/client';
import type { IntakeValues } from './intake-form';

/** Matches that identify the same person or organisation; a bare name is weaker evidence. */
export const STRONG_MATCHES: readonly RelatedMatch[] = ['id', 'org', 'phone'];
export const isStrong = (related: RelatedCase) => related.matches.some((m) => STRONG_MATCHES.includes(m));

const uniq = (list: string[]) => [...new Set(list)].sort();

function idNumberKey(idType: IdType, raw: string, today: string): string | null {
  const id = normaliseDocumentNumber(raw);
  if (!id) return null;
  // A resident ID counts once it has its 18 characters; other documents once they pass their own check.
  if (idType === 'resident_id') return id.length === 18 ? id : null;
  return checkIdentity(idType, id, today).ok ? id : null;
}

function phoneKey(raw: string): string | null {
  if (raw.replace(/\D/g, '').length < 11) return null;
  const phone = checkPhone(raw);
  return phone.ok ? phone.value : null;
}

/** Names count from 2 characters; they are taken only when the clerk leaves a name field (see useRelatedCases). */
export function namesOf(values: IntakeValues): string[] {
  return uniq([...values.parties.map((p) => p.name.trim()), ...values.agents.map((a) => a.name.trim())].filter((n) => n.length >= 2));
}

/** Every identifier on the form that is complete enough to look up, from all party and agent cards. */
export function relatedQueryOf(values: IntakeValues, names: string[], today: string): RelatedQuery {
  const idNumbers: string[] = [];
  const usccCodes: string[] = [];
  const phones: string[] = [];
  for (const p of values.parties) {
    if (p.kind === 'person') {
      const id = idNumberKey(p.idType, p.idNumber, today);
      if (id) idNumbers.push(id);
    } else {
      const code = normaliseDocumentNumber(p.usccCode);
      if (code.length === 18) usccCodes.push(code);
    }
    const phone = phoneKey(p.phone);
    if (phone) phones.push(phone);
  }
  for (const a of values.agents) {
    const id = idNumberKey(a.idType, a.idNumber, today);
    if (id) idNumbers.push(id);
    const phone = phoneKey(a.phone);
    if (phone) phones.push(phone);
  }
  return { idNumbers: uniq(idNumbers).slice(0, 50), usccCodes: uniq(usccCodes).slice(0, 50), phones: uniq(phones).slice(0, 50), names: names.slice(0, 50) };
}

const EMPTY_KEY = JSON.stringify({ idNumbers: [], usccCodes: [], phones: [], names: [] } satisfies RelatedQuery);
const isEmpty = (q: RelatedQuery) => q.idNumbers.length + q.usccCodes.length + q.phones.length + q.names.length === 0;

export type RelatedState =
  | { state: 'idle' }
  | { state: 'loading'; previous: RelatedCase[] }
  | { state: 'done'; cases: RelatedCase[] }
  | { state: 'failed'; message: string };

/** Strong matches first, then by registration, newest first. */
export function sortRelated(cases: RelatedCase[]): RelatedCase[] {
  return [...cases].sort((a, b) => Number(isStrong(b)) - Number(isStrong(a)) || b.summary.registeredAt.localeCompare(a.summary.registeredAt));
}

/**
 * The related-case check while typing: `update(values)` on every change, `commitNames(values)` when a name field
 * is left. A lookup runs ~250 ms after the identifiers on the form last changed, with all of them at once; an
 * answer that arrives after a newer question is dropped.
 */
export function useRelatedCases(today: string, delay = 250) {
  const [state, setState] = useState<RelatedState>({ state: 'idle' });
  const names = useRef<string[]>([]);
  const lastKey = useRef(EMPTY_KEY);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const seq = useRef(0);

  const run = useCallback(
    (values: IntakeValues) => {
      const query = relatedQueryOf(values, names.current, today);
      const key = JSON.stringify(query);
      if (key === lastKey.current) return;
      lastKey.current = key;
      if (timer.current) clearTimeout(timer.current);
      const id = ++seq.current;
      if (isEmpty(query)) {
        setState({ state: 'idle' });
        return;
      }
      timer.current = setTimeout(() => {
        setState((s) => ({ state: 'loading', previous: s.state === 'done' ? s.cases : s.state === 'loading' ? s.previous : [] }));
        call('cases:related', query).then(
          (cases) => {
            if (id === seq.current) setState({ state: 'done', cases: sortRelated(cases) });
          },
          (error: unknown) => {
            if (id === seq.current) setState({ state: 'failed', message: error instanceof Error ? error.message : '' });
          },
        );
      }, delay);
    },
    [delay, today],
  );

  const commitNames = useCallback(
    (values: IntakeValues) => {
      names.current = namesOf(values);
      run(values);
    },
    [run],
  );

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      seq.current += 1;
    },
    [],
  );

  return { state, update: run, commitNames };
}
