/** What to show for a failure: the Japanese message the data layer or main gave, or the thing itself as text. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
