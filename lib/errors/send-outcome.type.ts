/**
 * `not_sent`: the request provably never reached Zixflow, so sending again cannot duplicate the SMS.
 * `unknown`: it may have been accepted; reconcile through the delivery report or postbacks before resending.
 */
export type SendOutcome = 'not_sent' | 'unknown';
