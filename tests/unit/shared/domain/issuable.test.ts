import { describe, expect, it } from 'vitest';
import type { CaseAction } from '../../../../electron/shared/domain';
import { type IssuableCase, issuableTemplates, templateNotAllowedReason } from '../../../../electron/shared/domain/issuable';

const action = (type: CaseAction['type']): CaseAction => ({ id: crypto.randomUUID(), type, at: '2026-11-20T02:00:00.000Z', by: 'staff', note: '' }) as CaseAction;

function kase(over: Partial<IssuableCase> & { applicationForm?: 'oral' | 'written' } = {}): IssuableCase {
  const { applicationForm = 'oral', ...rest } = over;
  return { decision: null, termination: null, actions: [action('REGISTERED')], dispute: { applicationForm } as IssuableCase['dispute'], ...rest };
}

describe('the desk forms a case may be given (one rule for main and the renderer)', () => {
  it('an oral application gets its 申请书, a written one does not', () => {
    expect(issuableTemplates(kase())).toEqual(['application', 'acceptance-register', 'rights-notice']);
    expect(issuableTemplates(kase({ applicationForm: 'written' }))).toEqual(['acceptance-register', 'rights-notice']);
  });

  it('a refusal or a transfer gets its notice and nothing else', () => {
    expect(issuableTemplates(kase({ decision: { kind: 'refused' } as IssuableCase['decision'] }))).toEqual(['refusal-notice']);
    expect(issuableTemplates(kase({ decision: { kind: 'transferred' } as IssuableCase['decision'] }))).toEqual(['transfer-notice']);
  });

  it('the 终止调解告知书 needs an accepted case whose mediation was terminated', () => {
    const termination = { reason: '拒绝继续调解', routes: '', date: '2026-11-20', sessionId: null } as unknown as IssuableCase['termination'];
    expect(issuableTemplates(kase({ termination }))).not.toContain('termination-notice');
    expect(issuableTemplates(kase({ termination, actions: [action('REGISTERED'), action('ACCEPTED')] }))).toContain('termination-notice');
    expect(templateNotAllowedReason(kase(), 'termination-notice')).toContain('只有已受理调解的案件');
  });
});
