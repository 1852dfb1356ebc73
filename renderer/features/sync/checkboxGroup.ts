/** react-hook-form gives a group of same-named checkboxes as an array of the ticked values, one alone as a string, none as false. */
export const tickedValues = (value: unknown): string[] => (Array.isArray(value) ? value : typeof value === 'string' ? [value] : []);
