import { describe, expect, it } from 'vitest';
import { homeRoute } from '../../renderer/src/app/home';

describe('where each person lands after sign-in', () => {
  it.each([
    [['clerk'], 'desk'],
    [['mediator', 'clerk'], 'desk'],
    [['mediator'], 'mine'],
    [['legal_advisor', 'head'], 'mine'],
    [['head'], 'cases'],
    [['archivist'], 'cases'],
    [['admin'], 'staff'],
    [['admin', 'mediator'], 'mine'],
  ] as const)('%j → %s', (roles, name) => {
    expect(homeRoute(roles).name).toBe(name);
  });
});
