export * from './issue';
export * from './dates';
export * from './id-card';
export * from './identity';
export * from './uscc';
export * from './phone';
export * from './amount';
export * from './normalise';
