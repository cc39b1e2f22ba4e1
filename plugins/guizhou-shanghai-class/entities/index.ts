export { GuizhouCohort } from './cohort.js';
export { GuizhouTrainee } from './trainee.js';
