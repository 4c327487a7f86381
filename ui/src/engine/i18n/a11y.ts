// The words of the map as a keyboard grid and of what the live region says (the grid's
// headers and cards as a screen reader names them, picking a note up, moving and dropping
// it), in Dutch (je/jij) and plain English. One of the tables behind `t()` (`index.ts`); the
// tests there check every key is in both languages with the same placeholders.

const en = {
  'a11y.phaseName': 'Name of phase {n}',
  'a11y.grid': '{title}: the map, lanes by phases',
  'a11y.gridHelp': 'Arrow keys move between cards and cells, Enter edits, Space picks a card up to move it, Escape leaves the map.',
  'a11y.corner': 'Lanes',
  'a11y.cell': '{lane}, {phase}: {n} cards',
  'a11y.cellOne': '{lane}, {phase}: 1 card',
  'a11y.cellEmpty': '{lane}, {phase}: empty, Enter adds a card',
  'a11y.note': '{text}. {lane}, {phase}',
  'a11y.emotion': 'emotion {v}',
  'a11y.assumption': 'assumption',
  'a11y.validated': 'validated',
  'a11y.refuted': 'refuted',
  'a11y.evidence': '{n} evidence',
  'a11y.votes': '{n} votes',
  'a11y.voteOne': '1 vote',
  'a11y.impact': 'impact moment',
  'a11y.picked': "Picked up '{text}'. Arrow keys move it, Space drops it, Escape puts it back.",
  'a11y.pickedMany': 'Picked up {n} cards. Arrow keys move them, Space drops them, Escape puts them back.',
  'a11y.over': '{lane}, {phase}, place {at} of {n}',
  'a11y.moved': "Moved '{text}' to {phase}, {lane}",
  'a11y.movedMany': 'Moved {n} cards to {phase}, {lane}',
  'a11y.notMoved': "'{text}' stays where it was",
  'a11y.putBack': "Put back '{text}' in {phase}, {lane}",
};

const nl: Record<keyof typeof en, string> = {
  'a11y.phaseName': 'Naam van fase {n}',
  'a11y.grid': '{title}: de klantreis, banen per fase',
  'a11y.gridHelp': 'Met de pijltjestoetsen ga je langs kaarten en cellen, met Enter bewerk je, met Spatie pak je een kaart op om hem te verplaatsen, met Escape verlaat je de klantreis.',
  'a11y.corner': 'Banen',
  'a11y.cell': '{lane}, {phase}: {n} kaarten',
  'a11y.cellOne': '{lane}, {phase}: 1 kaart',
  'a11y.cellEmpty': '{lane}, {phase}: leeg, met Enter voeg je een kaart toe',
  'a11y.note': '{text}. {lane}, {phase}',
  'a11y.emotion': 'emotie {v}',
  'a11y.assumption': 'aanname',
  'a11y.validated': 'gevalideerd',
  'a11y.refuted': 'weerlegd',
  'a11y.evidence': '{n} bewijs',
  'a11y.votes': '{n} stemmen',
  'a11y.voteOne': '1 stem',
  'a11y.impact': 'impactmoment',
  'a11y.picked': "'{text}' opgepakt. Met de pijltjestoetsen verplaats je hem, met Spatie zet je hem neer, met Escape zet je hem terug.",
  'a11y.pickedMany': '{n} kaarten opgepakt. Met de pijltjestoetsen verplaats je ze, met Spatie zet je ze neer, met Escape zet je ze terug.',
  'a11y.over': '{lane}, {phase}, plek {at} van {n}',
  'a11y.moved': "'{text}' verplaatst naar {phase}, {lane}",
  'a11y.movedMany': '{n} kaarten verplaatst naar {phase}, {lane}',
  'a11y.notMoved': "'{text}' blijft waar hij was",
  'a11y.putBack': "'{text}' teruggezet in {phase}, {lane}",
};

export const a11y = { en, nl };
