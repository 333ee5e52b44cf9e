/** The connectivity types Zixflow accepts in the `route` field. */
export enum SmsRoute {
  Promotional = 'promotional',
  Transactional = 'transactional',
  Otp = 'otp',
}
