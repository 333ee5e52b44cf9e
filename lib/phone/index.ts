export * from './recipient-country';
export * from './recipient.normalizer';
