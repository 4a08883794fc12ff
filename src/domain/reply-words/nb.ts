import type { ReplyWords } from './index';

/** Norwegian bokmål (with common nynorsk and texting forms). */
export const nb: ReplyWords = {
  yes: [
    'ja', 'ja takk', 'ja gjerne', 'ja da', 'jada', 'jaja', 'jepp', 'jepps', 'japp', 'jo', 'javisst', 'ja visst',
    'gjerne', 'kan gjerne', 'ok', 'okei', 'okey', 'greit', 'klart', 'selvfølgelig', 'selvsagt', 'absolutt',
    'det tar jeg', 'det kan jeg', 'jeg tar den', 'jeg tar det', 'ikke noe problem', 'ingen problem',
    '1', 'j',
  ],
  no: [
    'nei', 'nei takk', 'nei dessverre', 'dessverre', 'dessverre ikke', 'ikke', 'aldri',
    'kan ikke', 'jeg kan ikke', 'det kan jeg ikke', 'kan dessverre ikke', 'jeg kan dessverre ikke',
    'har ikke mulighet', 'rekker ikke', 'passer ikke', 'går ikke', 'det går ikke',
    '2',
  ],
  stop: ['stopp', 'stopp alt', 'stopp alle', 'avslutt', 'avmeld', 'meld av'],
  start: ['start', 'start igjen'],
  hedges: [
    'men', 'hvis', 'dersom', 'om jeg', 'forutsatt', 'kanskje', 'muligens', 'kun', 'etter', 'før', 'kl', 'klokka',
    'klokken', 'senere', 'seinere', 'tror', 'usikker', 'ikke sikker', 'vet ikke', 'jeg vet ikke', 'kommer an på',
    'avhenger', 'sannsynligvis', 'trolig',
  ],
};
