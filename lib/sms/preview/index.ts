export * from './gsm7-charset';
export * from './sms-encoding';
export * from './sms-segment-limits';
export * from './sms-preview.interface';
export * from './sms-preview';
export * from './sms-splitter';
