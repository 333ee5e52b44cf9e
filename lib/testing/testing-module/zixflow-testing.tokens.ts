/** Token of the outcome ZixflowTestingModule answers sends with when no script matches. */
export const ZIXFLOW_TESTING_DEFAULT_OUTCOME = 'ZIXFLOW_TESTING_DEFAULT_OUTCOME';
