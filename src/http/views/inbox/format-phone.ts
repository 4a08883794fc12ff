/** '+4741234567' → '+47 412 34 567', the way Norwegian numbers are written; others as stored. */
export function formatPhone(e164: string): string {
  const m = /^\+47(\d{3})(\d{2})(\d{3})$/.exec(e164);
  return m ? `+47 ${m[1]} ${m[2]} ${m[3]}` : e164;
}
