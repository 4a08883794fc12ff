import type { DateTime } from 'luxon';
import { listTasks, type Language, type TaskFacts, type TaskType } from '../language';

/**
 * Arabic (Modern Standard, with common spoken forms among the reply words). Arabic script makes
 * every SMS UCS-2 (67 characters a part), so texts are short; digits stay 0-9.
 */

const typeLabel: Record<TaskType, string> = {
  shopping: 'تسوق',
  escort: 'مرافقة',
  visit: 'زيارة',
  walk: 'نزهة',
  practical: 'مساعدة عملية',
  other: 'مهمة',
};

const arabic = (d: DateTime) => d.reconfigure({ locale: 'ar', numberingSystem: 'latn' });
/** "30 دقيقة", "2 ساعة", "1:30 ساعة": short, as UCS-2 room is scarce. */
const duration = (minutes: number) => {
  const rest = minutes % 60;
  if (minutes < 60) return `${minutes} دقيقة`;
  return `${Math.floor(minutes / 60)}${rest === 0 ? '' : `:${String(rest).padStart(2, '0')}`} ساعة`;
};
const when = (t: TaskFacts) => arabic(t.startsAt).toFormat('cccc d/M HH:mm');
const date = (d: DateTime) => arabic(d).toFormat('cccc d/M');

/** "تسوق الخميس 3/12 10:00 (1:30 ساعة)، Kolbotn" */
const describe = (t: TaskFacts) => `${typeLabel[t.type]} ${when(t)} (${duration(t.durationMinutes)})، ${t.area}`;
/** describe() without its own parentheses, for texts that put the task in parentheses. */
const describeInline = (t: TaskFacts) => `${typeLabel[t.type]} ${when(t)}، ${duration(t.durationMinutes)}، ${t.area}`;
const short = (t: TaskFacts) => `${typeLabel[t.type]} ${when(t)}`;
const callUs = (phone?: string) => (phone ? ` للاستفسار: ${phone}` : '');

/** What the caller is asked to do, as a phrase after «هل يمكنك». */
const spokenTask: Record<TaskType, string> = {
  shopping: 'مساعدة شخص في التسوق', escort: 'مرافقة شخص إلى الطبيب', visit: 'زيارة شخص',
  walk: 'التنزه مع شخص', practical: 'تقديم مساعدة عملية لشخص', other: 'مساعدة شخص',
};
/** «يوم الجمعة 4 ديسمبر الساعة 14:30», digits 0-9 as in the SMS. */
const spokenWhen = (t: TaskFacts) => arabic(t.startsAt).toFormat("'يوم' cccc d MMMM 'الساعة' HH:mm");

export const ar: Language = {
  code: 'ar',
  name: 'العربية',
  aliases: ['arabisk', 'arabic', 'ara'],
  templates: {
    offer: ({ task, timeoutMinutes }) =>
      `Svarja: هل يمكنك المساعدة؟ ${describe(task)}. ${task.summary} أجب نعم أو لا خلال ${duration(timeoutMinutes)}.`,
    assigned: ({ task, details, coordinatorPhone }) =>
      `شكرا! المهمة لك: ${describe(task)}. ${details}${callUs(coordinatorPhone)}`,
    taken: ({ task }) => `شكرا على ردك! المهمة (${short(task)}) أخذها متطوع آخر.`,
    offer_taken: ({ task }) => `المهمة (${short(task)}) أخذها متطوع آخر. شكرا على كل حال!`,
    already_assigned: ({ task }) => `المهمة (${short(task)}) لك بالفعل. شكرا!`,
    offer_withdrawn: ({ task }) => `لم تعد هناك حاجة إلى المهمة (${short(task)}). شكرا على كل حال!`,
    offer_closed_for_you: ({ task }) => `العرض (${short(task)}) لم يعد قائما بالنسبة لك. لا داعي للرد. شكرا!`,
    task_cancelled: ({ task }) => `تم إلغاء مهمتك (${short(task)}). شكرا على استعدادك!`,
    declined_thanks: () => 'شكرا على ردك! سنسأل شخصا آخر.',
    hint_offer: () => 'لم نفهم ردك. أرسل نعم لقبول المهمة أو لا إذا لم تستطع. سيرى أحد المنسقين رسالتك أيضا.',
    hint_general: () => 'شكرا على رسالتك! سيطلع عليها أحد المنسقين. أرسل توقف إذا لم تعد ترغب في العروض.',
    media_not_read: () => 'يقرأ Svarja النص فقط، وليس الصور أو المرفقات. اكتب ردك كرسالة نصية عادية، مثلا نعم أو لا. سيرى أحد المنسقين رسالتك أيضا.',
    no_offer: () => 'ليس لديك عروض مفتوحة الآن. سنراسلك عندما يحتاج أحد إلى المساعدة.',
    opted_out: () => 'تم إلغاء اشتراكك ولن تصلك عروض من Svarja. أرسل ابدأ للاشتراك من جديد.',
    opted_in: () => 'أهلا بعودتك! ستصلك عروض Svarja من جديد. أرسل توقف لإلغاء الاشتراك.',
    already_opted_in: () => 'أنت مشترك بالفعل وتصلك عروض Svarja. أرسل توقف لإلغاء الاشتراك.',
    opted_out_reminder: () => 'اشتراكك في Svarja ملغى. أرسل ابدأ لتصلك العروض من جديد.',
    unknown_sender: ({ coordinatorPhone }) =>
      `مرحبا! هذا الرقم غير مسجل في Svarja. تم تحويل رسالتك إلى أحد المنسقين.${callUs(coordinatorPhone)}`,
    coordinator_unfilled: ({ task, offersSent }) =>
      `Svarja: المهمة #${task.taskId} (${describeInline(task)}) بلا متطوع. عدد العروض: ${offersSent}`,
    paused_confirmed: ({ until }) => `شكرا! لن تصلك عروض حتى ${date(until)}.`,
    holiday_confirmed: ({ until }) => `إجازة سعيدة! لن تصلك عروض حتى ${date(until)}.`,
    max_per_week_confirmed: ({ count }) => `تم! حدك الأسبوعي من المهام: ${count}. أرسل أقصى 0 لإزالة الحد.`,
    max_per_week_removed: () => 'تم! لم يعد لديك حد أسبوعي للمهام.',
    help: ({ coordinatorPhone }) =>
      'أرسل: إلغاء لترك مهمتك، استراحة 14 لإيقاف العروض 14 يوما، إجازة 3.1 حتى 3 يناير، أقصى 2، مهامي، توقف.' +
      callUs(coordinatorPhone),
    help_who: ({ centreName, centrePhone }) =>
      `رسالة من ${centreName} (${centrePhone}): مساعدة كبار السن. أجب نعم أو لا، أو توقف لإيقاف الرسائل.`,
    withdraw_which: ({ tasks }) =>
      `أي مهمة تلغي؟ ${listTasks(tasks, short, (n) => `و${n} أخرى`, { max: 2, separator: '؛ ' })}. اكتب اليوم.`,
    my_tasks: ({ tasks }) =>
      tasks.length === 0
        ? 'ليس لديك مهام قادمة الآن. شكرا لوجودك معنا!'
        : `مهامك: ${listTasks(tasks, (t) => `${short(t)}، ${t.area}`, (n) => `و${n} أخرى`, { max: 2, separator: '؛ ' })}.`,
    usage_pause: () => 'أرسل استراحة وعدد الأيام (1-365)، مثلا: استراحة 14',
    usage_holiday: () => 'أرسل إجازة وتاريخ انتهائها، مثلا: إجازة 3.1 (حتى 3 يناير)',
    usage_max_per_week: () => 'أرسل أقصى وعدد المهام في الأسبوع (1-14)، مثلا: أقصى 2. أقصى 0 يزيل الحد.',
    cancel_confirmed: ({ task }) => `شكرا لإبلاغنا! تم إلغاء مشاركتك في المهمة (${short(task)}). سنجد شخصا آخر.`,
    cancel_nothing_to_cancel: () => 'ليس لديك الآن مهمة يمكن إلغاؤها.',
    reminder_day_before: ({ task, details }) => `تذكير: غدا ${describe(task)}. ${details} لا تستطيع؟ أرسل إلغاء.`,
    reminder_two_hours: ({ task, details }) => `تذكير: بعد ساعتين ${describe(task)}. ${details}`,
    check_in_question: ({ task }) =>
      `كيف سارت المهمة (${short(task)})؟ أرسل 1 إذا كان كل شيء بخير، أو 2 إذا كان هناك ما يحتاج إلى متابعة.`,
    check_in_thanks_ok: () => 'رائع! شكرا على مساعدتك.',
    check_in_thanks_follow_up: () => 'شكرا لإبلاغنا. سيتواصل معك أحد المنسقين.',
    task_changed: ({ before, task, assigned }) =>
      `تغيير (${short(before)}): الآن ${when(task)}، ${task.area}. ${assigned ? 'لا تستطيع؟ أرسل إلغاء.' : 'أجب نعم أو لا.'}`,
    unassigned: ({ task }) => `أعفاك المنسق من المهمة (${short(task)}). لا داعي للحضور. شكرا على استعدادك للمساعدة!`,
    volunteer_cancelled_coordinator: ({ task, volunteerName }) =>
      `Svarja: ألغيت مشاركة ${volunteerName} في المهمة #${task.taskId} (${describeInline(task)}).`,
    cancelled_by_coordinator: ({ task }) => `ألغى المنسق مهمتك (${short(task)}). لا داعي للحضور. شكرا!`,
    coordinator_deadline_alert: ({ task, offersSent }) =>
      `Svarja: المهمة #${task.taskId} (${describeInline(task)}) تبدأ قريبا بلا متطوع. عدد العروض: ${offersSent}`,
  },
  replyWords: {
    // Spelling variants of hamza, alef maqsura and ta marbuta need no entry: they are unified before matching.
    yes: [
      'نعم', 'نعم أستطيع', 'أستطيع', 'أقدر', 'ايوه', 'أكيد', 'بالتأكيد', 'طبعا', 'حاضر', 'موافق', 'تمام',
      'ماشي', 'لا مشكلة', 'naam', 'aywa', 'ok', '1',
    ],
    no: [
      'لا', 'لا شكرا', 'لا أستطيع', 'لا أقدر', 'ما أقدر', 'ما بقدر', 'مش قادر', 'مش قادرة', 'للأسف',
      'للأسف لا', 'للأسف لا أستطيع', 'مستحيل', '2',
    ],
    stop: ['توقف', 'إيقاف', 'إلغاء الاشتراك', 'stop'],
    start: ['ابدأ', 'بدء', 'start'],
    hedges: [
      'لكن', 'بس', 'إذا', 'لو', 'ربما', 'يمكن', 'ممكن', 'فقط', 'بعد', 'قبل', 'لاحقا', 'لا أعرف', 'مش عارف', 'مش متأكد',
      'مش متأكدة', 'غير متأكد', 'حسب', 'يعتمد',
    ],
  },
  readingWords: {
    affirm: [
      'اي', 'ايوا', 'اكيد', 'بكل سرور', 'يسعدني', 'بكل سرور اكيد', 'بالطبع', 'سأكون هناك', 'سآتي', 'راح آجي', 'رح اجي', 'جاهز', 'جاهزة',
      'لا مانع', 'ما في مشكلة', 'مافي مشكلة', 'لا توجد مشكلة', 'اوكي', 'اوك', 'أستطيع المساعدة', 'يسعدني المساعدة', 'انا جاهز', 'انا جاهزة',
      'موافقة', 'حاضرين', 'من عيوني', 'على راسي', 'اكيد اقدر',
    ],
    negators: ['لا', 'لن', 'مش', 'مو', 'ليس', 'لست', 'مب', 'ما اقدر', 'ما بقدر', 'ما عندي', 'ما رح', 'ما راح', 'ما أستطيع', 'ما بدي'],
    regret: ['للأسف', 'للاسف', 'آسف', 'اسف', 'آسفة', 'اسفه', 'معذرة', 'عذرا', 'أعتذر', 'اعتذر', 'سامحني', 'سامحوني', 'هالمرة', 'هذه المرة'],
    reasons: [
      'مريض', 'مريضة', 'تعبان', 'تعبانة', 'مسافر', 'مسافرة', 'في السفر', 'في العمل', 'بالشغل', 'عندي شغل', 'مشغول', 'مشغولة', 'عندي موعد',
      'موعد', 'في المستشفى', 'بالمستشفى', 'خارج المدينة', 'خارج البلد', 'عندي ظروف', 'ظروف', 'دوام', 'عندي دوام', 'الأولاد', 'اولادي',
    ],
    withdraw: ['لن أستطيع', 'لن اقدر', 'لن آتي', 'اعتذر عن', 'الغي', 'ألغي', 'أريد الإلغاء', 'بدي الغي', 'صار عندي', 'طرأ', 'طرا'],
    conditions: [
      'إن شاء الله', 'ان شاء الله', 'انشالله', 'انشاء الله', 'إنشاء الله', 'إذا', 'اذا', 'لو', 'ربما', 'يمكن', 'ممكن', 'بشرط', 'حسب', 'يعتمد',
      'أو', 'او', 'أحاول', 'بحاول', 'سأحاول', 'بشوف', 'سأرى', 'خليني أشوف', 'بعدين', 'لاحقا', 'يوم آخر', 'وقت آخر', 'بس',
    ],
    clauseBreaks: ['لكن', 'ولكن', 'لاكن', 'إلا', 'الا'],
    optOut: [
      'لا ترسل', 'لا ترسلوا', 'لا ترسل لي', 'توقفوا عن الإرسال', 'توقف عن الارسال', 'احذف رقمي', 'احذفوا رقمي', 'امسح رقمي', 'ازالة رقمي',
      'أزيلوني', 'ازيلوني', 'بعد الآن', 'بعد اليوم', 'الغاء الاشتراك', 'لا أريد رسائل', 'لا اريد رسائل', 'لا أريد المزيد', 'ما بدي رسائل', 'شيلوني', 'شيلو رقمي',
    ],
    helpQuestions: [
      'من أنت', 'مين انت', 'من هذا', 'مين هاد', 'مين هذا', 'ما هذا', 'شو هاد', 'شو هذا', 'ايش هذا', 'ماذا أرد', 'شو لازم رد', 'شو بدي رد',
      'ماذا يعني', 'ما معنى', 'لا أفهم', 'لا افهم', 'مش فاهم', 'مش فاهمة', 'ما فهمت', 'من انتم', 'مين انتو', 'من معي',
    ],
    questionWords: ['ماذا', 'متى', 'أين', 'وين', 'كيف', 'لماذا', 'هل', 'شو', 'ايش', 'مين', 'كم', 'فين', 'ما هو', 'ما هي'],
    autoReply: ['رد تلقائي', 'رد آلي'],
    courtesy: ['شكرا', 'شكرا جزيلا', 'مرحبا', 'السلام عليكم', 'اهلا', 'أهلا', 'صباح الخير', 'مساء الخير', 'تحياتي', 'الله يعطيك العافية', 'يعطيكم العافية'],
    weekdays: [['الاثنين', 'الإثنين', 'اثنين'], ['الثلاثاء', 'ثلاثاء'], ['الأربعاء', 'اربعاء'], ['الخميس', 'خميس'], ['الجمعة', 'جمعة'], ['السبت', 'سبت'], ['الأحد', 'احد']],
    today: ['اليوم'],
    tomorrow: ['غدا', 'بكرة', 'بكرا', 'غداً'],
  },
  commandWords: {
    cancel: ['إلغاء', 'إلغاء المهمة'],
    pause: ['استراحة', 'توقف مؤقت'],
    holiday: ['إجازة', 'عطلة'],
    maxPerWeek: ['أقصى', 'حد'],
    help: ['مساعدة'],
    myTasks: ['مهامي', 'مهام'],
    days: ['يوم', 'يوما', 'أيام'],
  },
  // Issue 15: calls in Arabic (Modern Standard), Amazon Polly's neural Arabic voice Hala (ar-AE; the
  // standard voice is Polly.Zeina with language arb). The task's summary and details are the
  // coordinator's Norwegian: the offer leaves the summary out, and after a yes the details are read
  // as written, as the Norwegian call reads them.
  voice: {
    sayLanguage: 'ar-AE',
    voice: 'Polly.Hala-Neural',
    offer: ({ firstName, centreName, task }) =>
      `مرحبا ${firstName}، نتصل بك من ${centreName}. هل يمكنك ${spokenTask[task.type]} ${spokenWhen(task)}، في منطقة ${task.area}؟`,
    keys: () => 'اضغط 1 للموافقة، أو 2 للرفض، أو 0 للاستماع مرة أخرى.',
    accepted: ({ task, details, bySms }) =>
      `شكرا جزيلا! المهمة لك: ${spokenWhen(task)}، في منطقة ${task.area}. التفاصيل: ${details}${bySms ? ' سنرسل لك هذا في رسالة نصية أيضا.' : ''} مع السلامة!`,
    declined: () => 'شكرا على ردك! سنسأل شخصا آخر. مع السلامة!',
    taken: () => 'شكرا على ردك! لقد أخذ شخص آخر المهمة. مع السلامة!',
    unknownKey: () => 'عذرا، لم أفهم.',
    noAnswerGoodbye: ({ centrePhone }) => `لم نسمع ردا. يمكنك معاودة الاتصال بنا على الرقم ${centrePhone}. مع السلامة!`,
    machineMessage: ({ centreName, centrePhone, bySms }) =>
      `مرحبا، نتصل بك من ${centreName}. نود أن نسألك إن كان بإمكانك المساعدة في مهمة.${bySms ? ' سنرسل لك رسالة نصية عنها الآن.' : ''} يرجى معاودة الاتصال بنا على الرقم ${centrePhone}. مع السلامة!`,
    taskAhead: ({ firstName, centreName, task }) =>
      `مرحبا ${firstName}، نتصل بك من ${centreName}. مهمتك القادمة ${spokenWhen(task)}، في منطقة ${task.area}. اضغط 9 لإلغائها، أو يمكنك إنهاء المكالمة.`,
    confirmCancel: () => 'هل تريد إلغاء المهمة؟ اضغط 1 للتأكيد.',
    cancelled: () => 'تم إلغاء المهمة. سنسأل شخصا آخر. مع السلامة!',
    keptTask: () => 'ما زالت المهمة لك. مع السلامة!',
  },
};
