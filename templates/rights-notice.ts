import type { TemplateDefinition } from '../electron/main/documents/model';

/**
 * 人民调解当事人权利义务告知书 (domain.md §1.3 e, §2.2, §2.3, §2.4, §5.4): the committee's nature, the principles
 * (人民调解法 art. 3), no fees (art. 4), the parties' rights (art. 23, plus 委托代理人) and duties (art. 24), the
 * effect of an agreement (arts. 31–33), the personal-information processing notice (个人信息保护法 art. 17), then a
 * receipt row per party. Given before mediation starts (若干规定 art. 30).
 */
export const rightsNotice: TemplateDefinition = {
  key: 'rights-notice',
  version: 2,
  title: '人民调解当事人权利义务告知书',
  density: 'compact',
  requires: ['committeeName', 'centerName', 'centerPhone', 'caseNumber', 'partyNames', 'allParties', 'issueDate'],
  optional: ['centerAddress'],
  blocks: [
    { type: 'title', text: '人民调解当事人权利义务告知书' },
    { type: 'numberLine', text: '{caseNumber}' },
    { type: 'paragraph', text: '{partyNames}：' },
    {
      type: 'paragraph',
      indent: true,
      text: '根据《中华人民共和国人民调解法》等有关规定，为保障你（单位）在人民调解活动中依法行使权利、履行义务，现将有关事项告知如下：',
    },
    { type: 'heading', text: '一、人民调解委员会的性质' },
    {
      type: 'paragraph',
      indent: true,
      text: '人民调解委员会是依法设立的调解民间纠纷的群众性组织。{committeeName}通过说服、疏导等方法，促使当事人在平等协商基础上自愿达成调解协议，解决民间纠纷。',
    },
    { type: 'heading', text: '二、人民调解的原则' },
    {
      type: 'paragraph',
      indent: true,
      text: '（一）在当事人自愿、平等的基础上进行调解；\n（二）不违背法律、法规和国家政策；\n（三）尊重当事人的权利，不得因调解而阻止当事人依法通过仲裁、行政、司法等途径维护自己的权利。',
    },
    { type: 'heading', text: '三、不收取任何费用' },
    { type: 'paragraph', indent: true, text: '人民调解委员会调解民间纠纷，不收取任何费用。' },
    { type: 'heading', text: '四、当事人享有的权利' },
    {
      type: 'paragraph',
      indent: true,
      text: '（一）选择或者接受人民调解员；\n（二）接受调解、拒绝调解或者要求终止调解；\n（三）要求调解公开进行或者不公开进行；\n（四）自主表达意愿、自愿达成调解协议；\n（五）委托代理人参加调解。',
    },
    { type: 'heading', text: '五、当事人应当履行的义务' },
    {
      type: 'paragraph',
      indent: true,
      text: '（一）如实陈述纠纷事实，提供真实的证明材料；\n（二）遵守调解现场秩序，尊重人民调解员；\n（三）尊重对方当事人行使权利。',
    },
    { type: 'heading', text: '六、调解协议的效力' },
    {
      type: 'paragraph',
      indent: true,
      text:
        '经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。人民调解委员会对调解协议的履行情况进行监督，督促当事人履行约定的义务（《中华人民共和国人民调解法》第三十一条）。\n' +
        '当事人之间就调解协议的履行或者调解协议的内容发生争议的，一方当事人可以向人民法院提起诉讼（第三十二条）。\n' +
        '经人民调解委员会调解达成调解协议后，双方当事人认为有必要的，可以自调解协议生效之日起三十日内共同向人民法院申请司法确认调解协议；人民法院依法确认调解协议有效，一方当事人拒绝履行或者未全部履行的，对方当事人可以向人民法院申请强制执行（第三十三条）。\n' +
        '调解不成的，人民调解员将终止调解，当事人可以依法通过仲裁、行政、司法等途径维护自己的权利。',
    },
    { type: 'heading', text: '七、个人信息处理告知' },
    { type: 'paragraph', indent: true, text: '根据《中华人民共和国个人信息保护法》，现将处理你（单位）个人信息的有关事项告知如下：' },
    { type: 'paragraph', indent: true, when: 'hasCenterAddress', text: '（一）个人信息处理者：{committeeName}（{centerName}），联系电话：{centerPhone}，联系地址：{centerAddress}。' },
    { type: 'paragraph', indent: true, unless: 'hasCenterAddress', text: '（一）个人信息处理者：{committeeName}（{centerName}），联系电话：{centerPhone}。' },
    {
      type: 'paragraph',
      indent: true,
      text:
        '（二）处理目的和方式：为受理、调解本纠纷，制作和保管人民调解卷宗，依法办理转办、回访、司法确认等相关事项，收集、记录、使用和保存你（单位）的个人信息，不用于其他目的。\n' +
        '（三）个人信息种类：姓名或名称、性别、民族、出生日期、身份证件类型和号码、联系电话、住址、职业和工作单位，纠纷情况及你（单位）提供的证明材料，签名和指印等。其中身份证件号码、指印以及可能涉及的医疗健康、金融账户、未成年人信息属于敏感个人信息，仅在调解所必需的范围内处理，并采取严格的保护措施。\n' +
        '（四）保存期限：随人民调解卷宗按照卷宗保管期限保存；保管期限届满后依照规定删除或者销毁，保管期间除存储和采取必要的安全保护措施外不作其他处理。\n' +
        '（五）对外提供：除法律、行政法规另有规定或者经你（单位）同意外，不向其他组织和个人提供；纠纷依法转办或者申请司法确认的，仅向承办机关提供办理所必需的信息。\n' +
        '（六）你（单位）的权利：有权依法查阅、复制、更正、补充你的个人信息，有权要求对个人信息处理规则作出解释说明；可以通过上述联系电话提出，我们将及时处理。',
    },
    {
      type: 'keep',
      blocks: [
        { type: 'paragraph', indent: true, text: '特此告知。' },
        { type: 'sealArea', issuer: '{committeeName}', date: '{issueDate}' },
      ],
    },
    {
      type: 'keep',
      blocks: [
        { type: 'heading', text: '当事人签收' },
        { type: 'paragraph', indent: true, text: '本人（本单位）已收到本告知书，知悉上述权利义务和个人信息处理事项。' },
        { type: 'signatures', source: 'allParties', personLabel: '{role}{name}（签名或按指印）：', organizationLabel: '{role}{name}（盖章）：', date: true },
      ],
    },
  ],
};
