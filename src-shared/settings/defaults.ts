/**
 * Default values of the lists clerks pick from. Every list is an editable setting of the community document
 * (settings/communitySettings.ts); these are only what a new community starts with.
 */

/** GB/T 3304 中国各民族名称, code order, plus two entries many systems use. */
export const ETHNICITIES = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族', '瑶族', '白族',
  '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族',
  '景颇族', '柯尔克孜族', '土族', '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族',
  '普米族', '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族', '其他', '外国血统中国籍人士',
];

export const DEFAULT_SETTINGS = {
  ethnicities: ETHNICITIES,
  /** 学历 buckets of Party statistics. */
  educations: ['研究生', '大学本科', '大学专科', '中专', '高中/中技', '初中及以下'],
  partyStatuses: ['正常', '流动党员', '失联', '出国出境', '停止党籍', '其他'],
  memberTags: ['支部委员', '老党员', '困难党员', '下岗党员', '退休', '退役军人', '少数民族', '党代表', '人大代表', '政协委员'],
  /** 无职党员设岗定责 posts. */
  posts: ['政策宣传岗', '环境卫生监督岗', '邻里调解岗', '治安巡逻岗', '帮扶关爱岗', '文明劝导岗', '楼道长', '网格信息员'],
  serviceTeams: ['水电维修', '法律援助', '医疗巡诊', '治安巡逻', '文明劝导', '助老助残', '环境整治', '文体活动'],
  unitTypes: ['党政机关', '事业单位', '国有企业', '学校', '医院', '非公企业', '社会组织', '其他'],
  /** 常用语 of meeting minutes; {应到} {实到} {请假} {缺席} {列席} {主持人} {记录人} {人数情况} are filled from the meeting. */
  meetingPhrases: ['应到{应到}人，实到{实到}人，{人数情况}。', '会议由{主持人}主持，{记录人}记录。', '请假{请假}人，缺席{缺席}人，列席{列席}人。', '与会党员经过认真讨论，一致同意。', '会议传达学习了上级有关文件精神。'],
  /** Names offered for 其他 meetings. */
  otherMeetingTypes: ['党员冬训', '专题学习', '党员志愿服务动员会', '两新组织党建工作会'],
  /** 监督电话 printed on public posters. */
  supervisionPhone: '',
} as const;

export type SettingsKey = keyof typeof DEFAULT_SETTINGS;
export type ListSettingKey = Exclude<SettingsKey, 'supervisionPhone'>;

export const LIST_SETTING_LABELS: Record<ListSettingKey, string> = {
  ethnicities: '民族', educations: '学历', partyStatuses: '党员状态', memberTags: '标签', posts: '设岗定责岗位',
  serviceTeams: '服务队类别', unitTypes: '驻区单位类型', meetingPhrases: '会议常用语', otherMeetingTypes: '其他会议类型名称',
};
