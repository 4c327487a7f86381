// The words of "Read a photo of the wall…" and its review, in Dutch (je/jij) and plain English.
// One of the tables behind `t()` (`index.ts`); the tests there check every key is in both
// languages with the same placeholders.

const en = {
  'scan.title': 'Read a photo of the wall',
  'scan.close': 'Close',
  'scan.reading': 'Reading the photo… finding the notes and their text.',
  'scan.readingMany': 'Reading {n} photos… finding the notes and their text.',
  'scan.failed': 'The photo could not be read',
  'scan.none': 'No sticky notes were found on this photo.',
  'scan.found': '{n} notes found',
  'scan.keeping': '{n} will be added as cards',
  'scan.phase': 'Phase',
  'scan.lane': 'Lane',
  'scan.text': 'Text',
  'scan.dots': 'Dots',
  'scan.dotsHint': 'Dot stickers (votes) counted on the note; they become the card’s votes',
  'scan.textPlaceholder': 'Nothing was read; type what the note says',
  'scan.unsure': 'Not sure',
  'scan.drop': 'Drop',
  'scan.dropped': 'Dropped',
  'scan.keep': 'Keep',
  'scan.crop': 'The note as photographed',
  'scan.photo': 'Photo {n}',
  'scan.cancel': 'Cancel',
  'scan.accept': 'Add {n} cards',
  'scan.added': '{n} cards added from the photo',
  'scan.hint': 'Enter on the last note adds them, Delete drops the selected note, Esc cancels.',
};

const nl: Record<keyof typeof en, string> = {
  'scan.title': 'Foto van de muur lezen',
  'scan.close': 'Sluiten',
  'scan.reading': 'De foto wordt gelezen… de briefjes en hun tekst zoeken.',
  'scan.readingMany': '{n} foto’s worden gelezen… de briefjes en hun tekst zoeken.',
  'scan.failed': 'De foto kon niet worden gelezen',
  'scan.none': 'Er zijn geen plakbriefjes gevonden op deze foto.',
  'scan.found': '{n} briefjes gevonden',
  'scan.keeping': '{n} worden toegevoegd als kaart',
  'scan.phase': 'Fase',
  'scan.lane': 'Baan',
  'scan.text': 'Tekst',
  'scan.dots': 'Stippen',
  'scan.dotsHint': 'Stickers (stemmen) geteld op het briefje; ze worden de stemmen van de kaart',
  'scan.textPlaceholder': 'Er is niets gelezen; typ wat er op het briefje staat',
  'scan.unsure': 'Onzeker',
  'scan.drop': 'Weglaten',
  'scan.dropped': 'Weggelaten',
  'scan.keep': 'Houden',
  'scan.crop': 'Het briefje zoals het gefotografeerd is',
  'scan.photo': 'Foto {n}',
  'scan.cancel': 'Annuleren',
  'scan.accept': '{n} kaarten toevoegen',
  'scan.added': '{n} kaarten toegevoegd vanaf de foto',
  'scan.hint': 'Enter op het laatste briefje voegt ze toe, Delete laat het gekozen briefje weg, Esc annuleert.',
};

export const scan = { en, nl };
