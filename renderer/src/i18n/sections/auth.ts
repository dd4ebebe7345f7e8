/** UI strings: 登录、初始设置的管理员账号、修改密码、锁屏、再次验证密码. Part of the one table in ../zh-CN.ts. */
export const authText = {
  sessionExpired: '登录已失效，请重新登录',
  /** An administrator's change ended this window's sign-in (pushed by the host's live events). */
  signedOutTitle: '已退出登录',
  signedOutBy: {
    deactivated: '您的账号已被中心管理员停用，本窗口已退出登录。如有疑问，请联系中心管理员。',
    'roles-changed': '中心管理员调整了您的岗位，请重新登录后继续工作。',
    'password-reset': '您的密码已被重置，请使用新密码重新登录。',
  },

  password: {
    show: '显示或隐藏密码',
    ok: '密码符合要求',
    confirmMismatch: '两次输入的密码不一致',
    confirmRequired: '请再次输入密码',
    required: '请填写密码',
  },

  signIn: {
    title: '登录',
    intro: '请输入您的登录名和密码。',
    loginName: '登录名',
    password: '密码',
    submit: '登录',
    failed: '登录失败',
    forgot: '忘记密码请联系中心管理员重置。',
  },

  setup: {
    accountSection: '管理员账号',
    accountHint: '完成设置后，您用此登录名和密码登录调解工作台',
    loginName: '登录名',
    loginNameHint: '可用汉字、字母、数字和 . _ -，2至32个字符',
    password: '密码',
    passwordConfirm: '确认密码',
    otherRoles: '同时担任',
    otherRolesHint: '中心管理员负责人员与设置，本身不能查看案件；人员较少的中心可兼任其他岗位，以后也可在“人员与设置”中调整',
  },

  adminPassword: {
    title: '设置管理员密码',
    intro: (name: string) => `升级后请为中心管理员 ${name} 设置登录名和密码`,
    detail: '新版本的调解工作台须凭登录名和密码登录。设置后，其他工作人员的登录名和初始密码由中心管理员在“人员与设置”中设置。',
    submit: '设置并登录',
  },

  changePassword: {
    title: '修改密码',
    forcedTitle: '请修改初始密码',
    forcedIntro: (name: string) => `${name}，您的密码是初始密码或已被中心管理员重置，请先设置自己的新密码再继续使用。`,
    current: '当前密码',
    currentRequired: '请填写当前密码',
    next: '新密码',
    confirm: '确认新密码',
    submit: '修改密码',
    done: '密码已修改',
    signOut: '退出登录',
  },

  lock: {
    title: '工作台已锁定',
    lockedBy: (name: string) => `${name} 已锁定工作台`,
    hint: '输入密码解锁后，页面保持锁定前的状态。',
    password: '密码',
    unlock: '解锁',
    otherUser: '其他人员登录',
    otherHint: (name: string) => `其他人员登录后，将关闭 ${name} 正在使用的页面（锁定前已保存的内容不受影响）。`,
    backToUnlock: (name: string) => `返回 ${name} 解锁`,
    region: '锁屏',
  },

  reauth: {
    title: '请再次输入密码',
    intro: '此操作须确认是您本人，请输入您的登录密码。',
    password: '密码',
    confirm: '确认',
  },

  header: {
    userMenu: '用户菜单',
    changePassword: '修改密码',
    lock: '锁屏',
    lockHint: '暂时离开时锁定工作台，页面保持不变',
    signOut: '退出登录',
  },
} as const;
