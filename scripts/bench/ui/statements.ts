/**
 * A session record of the road-traffic case (tests/fixtures/cases.ts roadTrafficCaseInput) as a mediator would type
 * it: the mediator asks, the parties, the lawyer and the traffic officer answer, in statements of 20–200 characters
 * (most short, some long), with marks on some and a few stretches of caucus (背对背) with one side. Deterministic:
 * the same seed gives the same record, so that runs compare.
 */
import { type Attendee, type CaucusSide, type Statement, type StatementMark, maySpeakInCaucus } from '../../../electron/shared/domain/session';
import { type Rng, seededRng } from '../../../tests/fixtures/cases';

/** Sentences by who says them; a statement is made of several, cut to its length. */
const LINES: Record<'mediator' | 'applicant' | 'respondent' | 'agent' | 'participant', readonly string[]> = {
  mediator: [
    '请申请人陈述一下事故发生的经过。',
    '双方对交警大队出具的事故认定书有没有异议？',
    '关于医疗费部分，被申请人公司有什么意见？',
    '误工费按什么标准计算，申请人能否提供收入证明？',
    '护理费的天数是根据医嘱确定的吗？',
    '电动自行车的维修费有没有发票或者维修清单？',
    '现在请被申请人公司说明一下对赔偿数额的意见。',
    '保险公司交强险部分是否已经理赔？',
    '调解是在自愿、平等的基础上进行的，双方都可以充分表达意见。',
    '我们先把没有争议的部分确定下来，再讨论有争议的部分。',
    '精神损害抚慰金的主张，申请人有什么依据？',
    '如果分期支付，被申请人公司能接受的期限是多长？',
    '请双方考虑一下调解员提出的方案，是否可以各让一步。',
    '今天的调解先到这里，双方回去再考虑一下，下次再约时间。',
    '被申请人公司驾驶员本人今天为什么没有到场？',
  ],
  applicant: [
    '那天早上七点四十左右，我骑电动车带着我爱人去菜市场，在宾王路路口被货车撞倒。',
    '货车右转的时候根本没有减速，也没有打转向灯。',
    '我在医院住了十八天，右腿骨折，现在走路还不方便。',
    '医疗费一共花了四万两千多元，发票都在这里。',
    '我开五金店，住院这段时间店门关了，损失很大。',
    '医生说至少还要休养三个月，后续还要取钢板。',
    '我爱人也受了伤，头部缝了六针，到现在还经常头晕。',
    '我们要求的数额都是有票据的，不是随便乱要的。',
    '公司出事以后一次都没来医院看过我们，态度很不好。',
    '如果能一次性付清，我们可以在精神损害抚慰金上少要一点。',
    '分期的话最多分两次，第二次不能超过两个月。',
    '我们同意调解员的意见，但是维修费必须全部赔偿。',
  ],
  respondent: [
    '我是公司的负责人陈国平，对事故经过没有异议，认定书我们也认可。',
    '公司车辆在人保买了交强险和一百万的商业三者险，应该先由保险公司赔。',
    '误工费按每天三百五十元计算过高，五金店的收入没有证据。',
    '护理费我们认为按当地护工标准计算比较合理。',
    '精神损害抚慰金两万元太高了，伤情没有构成伤残。',
    '公司最近资金比较紧张，希望能分期支付。',
    '驾驶员已经被公司停职了，今天由我代表公司来处理。',
    '我们愿意先垫付一部分医疗费，剩下的等保险公司理赔后再付。',
    '调解员的方案我们原则上同意，具体数额还要回去和财务商量。',
    '电动车维修费一千五我们没有意见，可以现场支付。',
  ],
  agent: [
    '我是申请人张建国的委托代理人，浙江稠州律师事务所律师吴晓东，有特别授权。',
    '根据《道路交通安全法》第七十六条，机动车一方应当承担主要赔偿责任。',
    '申请人的误工损失有营业执照和近一年的流水可以证明。',
    '后续治疗费属于必然发生的费用，可以在本次一并处理。',
    '保险理赔是被申请人与保险公司之间的关系，不影响被申请人对申请人的赔偿责任。',
    '如果今天不能达成一致，申请人保留向人民法院起诉的权利。',
    '我方同意在总额上作适当让步，但付款期限要写清楚。',
  ],
  participant: [
    '我是交警大队事故处理中队的民警，事故认定书是我们中队出具的。',
    '事故现场有监控录像，货车右转时确实没有停车让行。',
    '认定书送达后双方在法定期限内都没有申请复核。',
    '交警部门委托调解，是希望双方能尽快解决赔偿问题。',
  ],
};

const roleOf = (a: Attendee): keyof typeof LINES => {
  if (a.kind === 'mediator' || a.kind === 'recorder') return 'mediator';
  if (a.kind === 'agent') return 'agent';
  if (a.kind === 'participant') return 'participant';
  return a.relation.startsWith('被申请人') ? 'respondent' : 'applicant';
};

/** A length in [20, 200]: most statements are a sentence or two, a few run long. */
function targetLength(rng: Rng): number {
  return rng.weighted([
    [rng.int(20, 60), 45],
    [rng.int(60, 120), 35],
    [rng.int(120, 200), 20],
  ] as const);
}

function say(rng: Rng, role: keyof typeof LINES): string {
  const want = targetLength(rng);
  let text = '';
  while (text.length < want) text += rng.pick(LINES[role]);
  // Long enough: cut at the target (a statement typed live often stops mid-thought), ending it with a full stop.
  return text.length > 200 ? `${text.slice(0, 199)}。` : text;
}

const MARKS: readonly (readonly [StatementMark[], number])[] = [
  [[], 86],
  [['focus'], 7],
  [['concession'], 4],
  [['evidence'], 2],
  [['focus', 'concession'], 1],
];

/**
 * `count` statements spoken by `attendees` (all present; the mediator among them), from `startedAt` on, about 40 s
 * apart. About one statement in thirty is in a caucus, in stretches of 4–10 with one side.
 */
export function buildStatements(count: number, attendees: readonly Attendee[], startedAt: Date, seed: number): Statement[] {
  const rng = seededRng(seed);
  const mediator = attendees.find((a) => a.kind === 'mediator');
  if (!mediator) throw new Error('the session has no mediator');
  const others = attendees.filter((a) => a.kind !== 'mediator' && a.kind !== 'recorder');
  const out: Statement[] = [];
  let caucus: CaucusSide | null = null;
  let caucusLeft = 0;
  let hadCaucus = false;
  let at = startedAt.getTime();
  for (let i = 0; i < count; i++) {
    if (caucusLeft === 0 && caucus !== null) caucus = null;
    // Even a short record has one caucus, half-way through.
    if (caucus === null && i > 10 && i < count - 10 && (rng.chance(1 / 160) || (!hadCaucus && i === Math.floor(count / 2)))) {
      caucus = rng.pick(['applicant', 'respondent'] as const);
      caucusLeft = rng.int(4, 10);
      hadCaucus = true;
    }
    const side = caucus;
    const pool = side ? others.filter((a) => maySpeakInCaucus(a, side)) : others;
    // The mediator asks about every other statement; the answers come from whoever is in the room.
    const speaker = i % 2 === 0 || pool.length === 0 ? mediator : rng.pick(pool);
    const role = roleOf(speaker);
    out.push({
      id: rng.uuid(),
      speakerId: speaker.id,
      kind: role === 'mediator' ? 'question' : rng.chance(0.85) ? 'answer' : 'statement',
      text: say(rng, role),
      startedAt: new Date(at).toISOString(),
      marks: [...rng.weighted(MARKS)],
      caucus: side,
    });
    if (side) caucusLeft -= 1;
    at += rng.int(15, 70) * 1000;
  }
  return out;
}
