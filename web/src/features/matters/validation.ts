// Shapes of the values people type into the intake form; the api validates again.

/** Amount in yuan as the exact decimal string the api takes: "50000", "50000.5", "50000.00". */
export const AMOUNT_PATTERN = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;
/** Mainland mobile (11 digits starting with 1) or a landline such as 0571-88888888. */
export const PHONE_PATTERN = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
/** Resident identity card: 17 digits and a digit or X. */
export const ID_NUMBER_PATTERN = /^\d{17}[\dXx]$/;

/** Normalises "50000" and "50000.5" to "50000.00" so the api receives a fixed-scale decimal. */
export function normaliseAmount(value: string): string {
  const [whole, fraction = ''] = value.trim().split('.');
  return `${whole}.${fraction.padEnd(2, '0')}`;
}
