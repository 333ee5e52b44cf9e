export { zixflowConfig } from './zixflow.config';
