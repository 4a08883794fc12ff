/** A task's fields as a coordinator names them (the flash after an edit, the timeline). */
export const EDITED_FIELD_LABELS: Record<string, string> = {
  type: 'type', startsAt: 'tid', durationMinutes: 'varighet', area: 'sted', summary: 'kort beskrivelse', details: 'detaljer',
  requirements: 'krav', personRef: 'referanse', fillBy: 'frist', waveSize: 'antall om gangen', offerTimeoutMinutes: 'svarfrist',
};
