/**
 * A JSON value as the postback parser returns it: every number is kept as its exact literal text
 * (a string), so 64-bit ids and long decimals lose nothing. Objects are plain objects.
 */
export type PostbackJsonValue =
  string | boolean | null | PostbackJsonValue[] | { [key: string]: PostbackJsonValue };
