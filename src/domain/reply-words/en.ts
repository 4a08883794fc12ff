import type { ReplyWords } from './index';

/** English. */
export const en: ReplyWords = {
  yes: [
    'yes', 'yes please', 'yes i can', 'yep', 'yeah', 'yup', 'ya', 'sure', 'sure thing', 'of course', 'ok', 'okay',
    'i can', 'i can do it', "i'll take it", 'count me in', 'no problem', 'no worries',
    '1', 'y',
  ],
  no: [
    'no', 'no thanks', 'no thank you', 'nope', 'nah', 'sorry no', 'not', 'not this time', 'not today', 'never',
    "can't", 'cant', 'cannot', 'can not', "i can't", 'i cannot', 'i can not', 'unable', 'not available', 'unavailable',
    '2', 'n',
  ],
  stop: ['stop', 'stop all', 'stopall', 'unsubscribe', 'end', 'quit'],
  start: ['start', 'unstop', 'start again'],
  hedges: [
    'but', 'if', 'unless', 'maybe', 'perhaps', 'possibly', 'probably', 'only', 'after', 'before', 'until', 'later',
    'think', 'not sure', 'unsure', "don't know", 'dont know', 'idk', 'depends',
  ],
};
