export * from './numerals';
export * from './dates';
export * from './amount';
export * from './party';
