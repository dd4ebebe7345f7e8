/** UI strings: 恢复密钥、数据加密升级、用恢复密钥登录. Part of the one table in ../zh-CN.ts. */
export const keysText = {
  sheet: {
    title: '中心数据恢复密钥',
    intro: '本工作台的案件数据已加密存储。每位工作人员的密码都能解开数据；如果所有密码都已遗忘，只有这份恢复密钥能恢复数据。',
    keyLabel: '恢复密钥',
    center: '中心',
    made: '生成日期',
    keep: '请立即打印本页（或工整抄写），签字后交中心负责人存放于保险柜。恢复密钥只显示这一次，本软件不保存其明文；遗失后可由中心管理员重新生成。',
    never: '不要拍照、不要存放在本电脑或网盘中，不要交给无关人员。',
    signLine: '保管人签字：______________    日期：______________',
    print: '打印',
    confirm: '我已打印或抄写恢复密钥，并已交中心保管',
    next: '继续',
  },
  sealing: {
    title: '正在加密中心数据',
    intro: '本工作台升级后首次由中心管理员登录，正在将已有的案件数据逐一加密并核对，请勿关闭本软件或电脑。',
    progress: (done: number, total: number) => (total ? `已完成 ${done} / ${total} 个文件` : '正在清点文件…'),
    interrupted: '如果中途断电或关闭，下次中心管理员登录时会从中断处继续，已加密的文件不会丢失。',
  },
  recover: {
    open: '所有密码都已遗忘？使用恢复密钥',
    title: '使用恢复密钥',
    intro: '输入中心保管的恢复密钥，为一位中心管理员设置新密码并登录。',
    recoveryKey: '恢复密钥',
    recoveryKeyHint: '9组，每组4位字母或数字；大小写、空格和短横线均可',
    loginName: '中心管理员登录名',
    newPassword: '新密码',
    confirm: '确认新密码',
    submit: '恢复并登录',
    back: '返回登录',
  },
} as const;
