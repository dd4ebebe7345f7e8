import { useCallback, useEffect, useRef, useState } from 'react';
import { AGENT_AUTHORITIES, CASE_SOURCES, COMPLEXITIES, DISPUTE_TYPE_CODES, ESCALATION_FLAGS, ETHNICITIES, GENDERS, ID_TYPES, PARTY_ROLES, RISK_LEVELS } from '../../../../electron/shared/domain/codes';
import { call } from '../../api/client';
import { type AgentDraft, type IntakeValues, type PartyDraft, initialIntakeValues, newAgent, newParty } from './intake-form';

/** What is stored by drafts:save: the whole form state, versioned so that an old draft is recognised. */
interface StoredDraft {
  v: 1;
  values: IntakeValues;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);
function oneOf<T extends string>(v: unknown, allowed: readonly string[], fallback: T): T {
  return typeof v === 'string' && allowed.includes(v) ? (v as T) : fallback;
}

function restoreParty(raw: unknown): PartyDraft | null {
  if (!isRecord(raw)) return null;
  const role = oneOf(raw.role, Object.keys(PARTY_ROLES), 'applicant' as PartyDraft['role']);
  const base = newParty(role);
  return {
    id: typeof raw.id === 'string' && UUID.test(raw.id) ? raw.id : base.id,
    role,
    kind: raw.kind === 'organization' ? 'organization' : 'person',
    name: str(raw.name, ''),
    phone: str(raw.phone, ''),
    address: str(raw.address, ''),
    requests: str(raw.requests, ''),
    gender: oneOf(raw.gender, Object.keys(GENDERS), base.gender),
    ethnicity: oneOf(raw.ethnicity, ETHNICITIES, base.ethnicity),
    birthDate: str(raw.birthDate, ''),
    idType: oneOf(raw.idType, Object.keys(ID_TYPES), base.idType),
    idNumber: str(raw.idNumber, ''),
    occupation: str(raw.occupation, ''),
    workUnit: str(raw.workUnit, ''),
    usccCode: str(raw.usccCode, ''),
    legalRepresentative: str(raw.legalRepresentative, ''),
    representativeTitle: str(raw.representativeTitle, ''),
  };
}

function restoreAgent(raw: unknown): AgentDraft | null {
  if (!isRecord(raw)) return null;
  const base = newAgent();
  return {
    id: typeof raw.id === 'string' && UUID.test(raw.id) ? raw.id : base.id,
    principalId: str(raw.principalId, ''),
    name: str(raw.name, ''),
    idType: oneOf(raw.idType, Object.keys(ID_TYPES), base.idType),
    idNumber: str(raw.idNumber, ''),
    phone: str(raw.phone, ''),
    workUnitOrRelation: str(raw.workUnitOrRelation, ''),
    authority: oneOf(raw.authority, Object.keys(AGENT_AUTHORITIES), base.authority),
  };
}

/**
 * Turns a stored draft back into form values, field by field: a draft is opaque JSON (written by an older version,
 * or damaged), so anything unexpected falls back to the blank form's value instead of breaking the form.
 */
export function restoreDraft(data: unknown): IntakeValues | null {
  if (!isRecord(data) || data.v !== 1 || !isRecord(data.values)) return null;
  const raw = data.values;
  const blank = initialIntakeValues();
  const d = isRecord(raw.dispute) ? raw.dispute : {};
  const people = d.peopleInvolved;
  const parties = Array.isArray(raw.parties) ? raw.parties.map(restoreParty).filter((p): p is PartyDraft => p !== null) : [];
  const agents = Array.isArray(raw.agents) ? raw.agents.map(restoreAgent).filter((a): a is AgentDraft => a !== null) : [];
  return {
    dispute: {
      disputeType: oneOf(d.disputeType, DISPUTE_TYPE_CODES, ''),
      disputeSubType: str(d.disputeSubType, ''),
      source: oneOf(d.source, Object.keys(CASE_SOURCES), blank.dispute.source),
      summary: str(d.summary, ''),
      occurredOn: str(d.occurredOn, ''),
      occurredPlace: str(d.occurredPlace, ''),
      amount: str(d.amount, ''),
      peopleInvolved: typeof people === 'number' || people === '' ? people : blank.dispute.peopleInvolved,
      riskLevel: oneOf(d.riskLevel, Object.keys(RISK_LEVELS), blank.dispute.riskLevel),
      complexity: oneOf(d.complexity, Object.keys(COMPLEXITIES), blank.dispute.complexity),
      escalation: Array.isArray(d.escalation) ? d.escalation.filter((f): f is keyof typeof ESCALATION_FLAGS => typeof f === 'string' && f in ESCALATION_FLAGS) : [],
      applicationForm: d.applicationForm === 'oral' ? 'oral' : 'written',
    },
    parties: parties.length > 0 ? parties : blank.parties,
    agents,
  };
}

/** Whether the form holds nothing typed by the clerk (ids aside): such a state is not worth a draft. */
export function isBlankIntake(values: IntakeValues): boolean {
  const strip = (v: IntakeValues) => JSON.stringify({ ...v, parties: v.parties.map((p) => ({ ...p, id: '' })), agents: v.agents.map((a) => ({ ...a, id: '' })) });
  return strip(values) === strip(initialIntakeValues());
}

/** The last save in flight, so that re-opening the form reads the draft only after it was written. */
let lastSave: Promise<unknown> = Promise.resolve();
export function waitForDraftSave(): Promise<unknown> {
  return lastSave.catch(() => undefined);
}

export type DraftStatus = { state: 'idle' } | { state: 'saving' } | { state: 'saved'; savedAt: string } | { state: 'failed' };

/**
 * Autosave of the registration form: ~1 s after typing stops, when the page is hidden or closed, and when the form
 * is left (opening a related case). `stop()` while registering (nothing more is saved once it succeeded), `resume()`
 * if it failed.
 */
export function useDraftAutosave(getValues: () => IntakeValues, delay = 1000) {
  const [status, setStatus] = useState<DraftStatus>({ state: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const dirty = useRef(false);
  const stopped = useRef(false);
  const getValuesRef = useRef(getValues);
  getValuesRef.current = getValues;
  const mounted = useRef(true);

  const save = useCallback((): Promise<unknown> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (!dirty.current || stopped.current) return lastSave;
    dirty.current = false;
    const values = getValuesRef.current();
    const data: StoredDraft = { v: 1, values };
    if (mounted.current) setStatus({ state: 'saving' });
    const request = (isBlankIntake(values) ? call('drafts:discard').then(() => null) : call('drafts:save', { data }).then((r) => r.savedAt)).then(
      (savedAt) => {
        if (mounted.current) setStatus(savedAt ? { state: 'saved', savedAt } : { state: 'idle' });
      },
      () => {
        dirty.current = true;
        if (mounted.current) setStatus({ state: 'failed' });
      },
    );
    lastSave = request;
    return request;
  }, []);

  /** Called on every change of the form values. */
  const schedule = useCallback(() => {
    if (stopped.current) return;
    dirty.current = true;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), delay);
  }, [delay, save]);

  const stop = useCallback(() => {
    stopped.current = true;
    dirty.current = false;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  }, []);

  /** After a failed registration the form is still being worked on: keep saving it. */
  const resume = useCallback(() => {
    stopped.current = false;
    schedule();
  }, [schedule]);

  useEffect(() => {
    mounted.current = true;
    const onHide = () => {
      if (document.visibilityState === 'hidden') void save();
    };
    const onLeave = () => void save();
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onLeave);
    window.addEventListener('beforeunload', onLeave);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onLeave);
      window.removeEventListener('beforeunload', onLeave);
      mounted.current = false;
      // Leaving the screen (another menu item, a related case) keeps what was typed.
      void save();
    };
  }, [save]);

  return { status, schedule, flush: save, stop, resume };
}
