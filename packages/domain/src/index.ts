export { categories, category, categoryCodes, type Code, referralKinds } from './taxonomy.ts';
