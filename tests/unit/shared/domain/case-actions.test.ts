import { describe, expect, it } from 'vitest';
import {
  ALLOWED_ACTIONS_BY_STATUS,
  CASE_ACTION_TYPES,
  CASE_STATUSES,
  CASE_STATUS_KEYS,
  CaseActionSchema,
  type CaseActionType,
  type CaseStatus,
  OPEN_STATUSES,
  getAvailableActions,
  getCaseStatus,
  isActionAllowed,
} from '../../../../electron/shared/domain/case-actions';

const history = (...types: CaseActionType[]) => types.map((type) => ({ type }));

/** A shortest realistic history that reaches each status. */
const HISTORY_TO: Record<CaseStatus, CaseActionType[]> = {
  registered: ['REGISTERED'],
  accepted: ['REGISTERED', 'ACCEPTED'],
  mediating: ['REGISTERED', 'ACCEPTED', 'ASSIGNED'],
  suspended: ['REGISTERED', 'ACCEPTED', 'ASSIGNED', 'SUSPENDED'],
  agreed: ['REGISTERED', 'ACCEPTED', 'ASSIGNED', 'AGREEMENT_REACHED'],
  terminated: ['REGISTERED', 'ACCEPTED', 'ASSIGNED', 'MEDIATION_TERMINATED'],
  refused: ['REGISTERED', 'REFUSED'],
  transferred: ['REGISTERED', 'TRANSFERRED'],
  closed: ['REGISTERED', 'ACCEPTED', 'ASSIGNED', 'AGREEMENT_REACHED', 'CLOSED'],
  archived: ['REGISTERED', 'ACCEPTED', 'ASSIGNED', 'AGREEMENT_REACHED', 'CLOSED', 'ARCHIVED'],
};

/** What each action does to the status: a fixed target, or 'same' (a note in the record that keeps the status). */
const EFFECT: Record<Exclude<CaseActionType, 'REGISTERED'>, CaseStatus | 'same'> = {
  DETAILS_UPDATED: 'same',
  ACCEPTED: 'accepted',
  REFUSED: 'refused',
  TRANSFERRED: 'transferred',
  TRANSFER_REPLIED: 'same',
  ASSIGNED: 'mediating',
  SESSION_RECORDED: 'same',
  DEADLINE_EXTENDED: 'same',
  SUSPENDED: 'suspended',
  RESUMED: 'mediating',
  AGREEMENT_REACHED: 'agreed',
  MEDIATION_TERMINATED: 'terminated',
  CLOSED: 'closed',
  ARCHIVED: 'archived',
};

describe('case status table', () => {
  it('covers every status in CASE_STATUSES, each with a Chinese label', () => {
    expect(Object.keys(HISTORY_TO).sort()).toEqual([...CASE_STATUS_KEYS].sort());
    expect(Object.keys(ALLOWED_ACTIONS_BY_STATUS).sort()).toEqual([...CASE_STATUS_KEYS].sort());
    for (const status of CASE_STATUS_KEYS) expect(CASE_STATUSES[status]).toMatch(/\p{Script=Han}/u);
  });

  it('only lists known action types', () => {
    for (const status of CASE_STATUS_KEYS) {
      for (const action of ALLOWED_ACTIONS_BY_STATUS[status]) expect(CASE_ACTION_TYPES).toContain(action);
    }
  });

  it('never allows REGISTERED after the first action', () => {
    for (const status of CASE_STATUS_KEYS) expect(isActionAllowed(status, 'REGISTERED')).toBe(false);
  });

  it('lets every case reach every status from registration (no unreachable status)', () => {
    const seen = new Set<CaseStatus>(['registered']);
    const queue: CaseStatus[] = ['registered'];
    while (queue.length) {
      const status = queue.shift()!;
      for (const action of getAvailableActions(status)) {
        const target = getCaseStatus(history(...HISTORY_TO[status], action));
        if (!seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
    expect([...seen].sort()).toEqual([...CASE_STATUS_KEYS].sort());
  });

  it('lets every case eventually be archived (no dead end before archiving)', () => {
    const canArchive = new Set<CaseStatus>(['archived']);
    let grew = true;
    while (grew) {
      grew = false;
      for (const status of CASE_STATUS_KEYS) {
        if (canArchive.has(status)) continue;
        const targets = getAvailableActions(status).map((a) => getCaseStatus(history(...HISTORY_TO[status], a)));
        if (targets.some((t) => canArchive.has(t))) {
          canArchive.add(status);
          grew = true;
        }
      }
    }
    expect([...canArchive].sort()).toEqual([...CASE_STATUS_KEYS].sort());
  });
});

describe.each(CASE_STATUS_KEYS)('status %s', (status) => {
  const base = HISTORY_TO[status];

  it('is derived from its history', () => {
    expect(getCaseStatus(history(...base))).toBe(status);
  });

  it('is reached only through allowed actions', () => {
    for (let i = 1; i < base.length; i++) {
      const before = getCaseStatus(history(...base.slice(0, i)));
      expect(isActionAllowed(before, base[i]!), `${base[i]} in ${before}`).toBe(true);
    }
  });

  it('getAvailableActions agrees with isActionAllowed', () => {
    for (const action of CASE_ACTION_TYPES) {
      expect(isActionAllowed(status, action)).toBe(getAvailableActions(status).includes(action));
    }
  });

  it.each([...ALLOWED_ACTIONS_BY_STATUS[status]] as CaseActionType[])('allowed action %s leads to the expected valid status', (action) => {
    const result = getCaseStatus(history(...base, action));
    expect(CASE_STATUS_KEYS).toContain(result);
    const effect = EFFECT[action as Exclude<CaseActionType, 'REGISTERED'>];
    expect(result).toBe(effect === 'same' ? status : effect);
  });

  const forbidden = CASE_ACTION_TYPES.filter((a) => !isActionAllowed(status, a));
  if (forbidden.length) {
    it.each(forbidden)('rejects a history with %s in this status', (action) => {
      expect(() => getCaseStatus(history(...base, action))).toThrow();
    });
  }
});

describe('getCaseStatus', () => {
  it('requires REGISTERED as the first action', () => {
    expect(() => getCaseStatus(history('ACCEPTED'))).toThrow(/REGISTERED/);
    expect(() => getCaseStatus(history('DETAILS_UPDATED', 'REGISTERED'))).toThrow(/REGISTERED/);
  });

  it('rejects a second REGISTERED', () => {
    expect(() => getCaseStatus(history('REGISTERED', 'REGISTERED'))).toThrow(/REGISTERED/);
    expect(() => getCaseStatus(history('REGISTERED', 'ACCEPTED', 'REGISTERED'))).toThrow(/REGISTERED/);
  });

  it('has no status for an empty history', () => {
    expect(() => getCaseStatus([])).toThrow();
  });

  it('rejects skipping steps, e.g. archiving a case that was never closed', () => {
    expect(() => getCaseStatus(history('REGISTERED', 'ARCHIVED'))).toThrow();
    expect(() => getCaseStatus(history('REGISTERED', 'AGREEMENT_REACHED'))).toThrow();
    expect(() => getCaseStatus(history('REGISTERED', 'ASSIGNED'))).toThrow();
  });

  it('follows a full life cycle with reassignment, sessions, suspension and resumption', () => {
    const steps: [CaseActionType, CaseStatus][] = [
      ['REGISTERED', 'registered'],
      ['DETAILS_UPDATED', 'registered'],
      ['ACCEPTED', 'accepted'],
      ['ASSIGNED', 'mediating'],
      ['SESSION_RECORDED', 'mediating'],
      ['ASSIGNED', 'mediating'],
      ['DEADLINE_EXTENDED', 'mediating'],
      ['SUSPENDED', 'suspended'],
      ['RESUMED', 'mediating'],
      ['SESSION_RECORDED', 'mediating'],
      ['AGREEMENT_REACHED', 'agreed'],
      ['CLOSED', 'closed'],
      ['ARCHIVED', 'archived'],
    ];
    steps.forEach(([, expected], i) => {
      expect(getCaseStatus(history(...steps.slice(0, i + 1).map(([a]) => a)))).toBe(expected);
    });
  });

  it('keeps a transferred case transferred when the receiving unit replies, then closes it', () => {
    expect(getCaseStatus(history('REGISTERED', 'TRANSFERRED', 'TRANSFER_REPLIED', 'TRANSFER_REPLIED'))).toBe('transferred');
    expect(getCaseStatus(history('REGISTERED', 'TRANSFERRED', 'TRANSFER_REPLIED', 'CLOSED'))).toBe('closed');
  });

  it('closes a refused case', () => {
    expect(getCaseStatus(history('REGISTERED', 'REFUSED', 'CLOSED'))).toBe('closed');
  });
});

describe('archived cases', () => {
  it('allow no action at all', () => {
    expect(getAvailableActions('archived')).toEqual([]);
    for (const action of CASE_ACTION_TYPES) expect(isActionAllowed('archived', action)).toBe(false);
  });

  it('cannot be changed after archiving, not even details', () => {
    expect(() => getCaseStatus(history(...HISTORY_TO.archived, 'DETAILS_UPDATED'))).toThrow();
  });

  it('are the only status without actions', () => {
    for (const status of CASE_STATUS_KEYS) {
      if (status !== 'archived') expect(getAvailableActions(status).length).toBeGreaterThan(0);
    }
  });
});

describe('OPEN_STATUSES', () => {
  it('are statuses that still allow work, excluding closed and archived cases', () => {
    for (const status of OPEN_STATUSES) expect(CASE_STATUS_KEYS).toContain(status);
    expect(OPEN_STATUSES).not.toContain('closed');
    expect(OPEN_STATUSES).not.toContain('archived');
    expect(OPEN_STATUSES).toContain('registered');
    expect(OPEN_STATUSES).toContain('mediating');
  });
});

describe('CaseActionSchema', () => {
  const action = {
    id: '3f1c6a8e-2b4d-4c1e-9f7a-1b2c3d4e5f60',
    type: 'ACCEPTED',
    at: '2026-05-01T09:30:00+08:00',
    by: 'clerk-1',
    note: '',
  };

  it('accepts a well-formed action with an offset timestamp', () => {
    expect(CaseActionSchema.parse(action)).toEqual(action);
  });

  it('trims the note', () => {
    expect(CaseActionSchema.parse({ ...action, note: '  不予受理理由  ' }).note).toBe('不予受理理由');
  });

  it.each([
    ['an unknown type', { ...action, type: 'DELETED' }],
    ['a timestamp without offset', { ...action, at: '2026-05-01 09:30' }],
    ['an empty actor', { ...action, by: '' }],
    ['a non-UUID id', { ...action, id: '42' }],
    ['an extra key', { ...action, extra: 1 }],
    ['a note over 2000 characters', { ...action, note: '字'.repeat(2001) }],
  ])('rejects %s', (_label, value) => {
    expect(CaseActionSchema.safeParse(value).success).toBe(false);
  });
});
