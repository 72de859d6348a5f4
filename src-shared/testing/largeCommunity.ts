import { idNumberCheckChar, type OrgTree } from '../records';
import type { Repositories } from '../repository/repositories';
import { seededRandom, type SeededRandom } from './seededRandom';
import { postingsFor } from '../records/volunteer/pointsLedger';
import { activityRules, DEFAULT_POINT_RULES } from '../records/volunteer/pointRules';

/** "A large community" of DOMAIN.md: the sizes every benchmark generates. */
export const LARGE_COMMUNITY = {
  grids: 8, compoundsPerGrid: 3, buildingsPerCompound: 4,
  partyMembers: 1500, inServiceMembers: 500, volunteers: 5000, volunteerTeams: 20, residentUnits: 500,
  meetings: 2000, activities: 5000, venues: 50, bookings: 20000, agreements: 200, whistles: 2000,
  /** 一书三单 and 兼职委员 of the 500 units; 联席会议 with every unit on the 应到 list. */
  coResources: 1000, coNeeds: 300, coProjects: 300, partTimeMembers: 100, jointMeetings: 20,
  /** 志愿服务活动 with their sign-in, and the points ledger they fill (service lines, then awards and redemptions). */
  serviceActivities: 5000, pointEntries: 100000,
};
export type CommunitySizes = typeof LARGE_COMMUNITY;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢傅钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严赖覃洪武莫孔';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文荣辉春梅海燕波宁鑫斌宇浩凯俊峰晨阳林雪琳';
const SURNAME_LIST = [...SURNAMES];
const GIVEN_LIST = [...GIVEN];
const VENUES = ['党群活动室', '多功能厅', '会议室一', '会议室二', '书画室', '舞蹈室', '心理咨询室', '篮球场'];

function name(rng: SeededRandom): string {
  return rng.pick(SURNAME_LIST) + rng.pick(GIVEN_LIST) + (rng.next() < 0.6 ? rng.pick(GIVEN_LIST) : '');
}
function date(rng: SeededRandom, fromYear: number, toYear: number): string {
  const y = rng.int(fromYear, toYear);
  return `${y}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
}
/** A valid ID number for the birth date, never one already handed out (one person, one number). */
function idNumber(rng: SeededRandom, birth: string, used: Set<string>): string {
  for (;;) {
    const first17 = `350102${birth.replaceAll('-', '')}${String(rng.int(0, 999)).padStart(3, '0')}`;
    const id = first17 + idNumberCheckChar(first17);
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}
function phone(rng: SeededRandom): string {
  return `1${rng.pick(['35', '38', '59', '86', '88'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
}

/**
 * Fills a community through the repository API, as clerks would over years. `pause` is awaited every `chunk`
 * records so a persistent store can commit as it goes.
 */
export async function populateCommunity(
  target: { repos: Repositories; orgTree: OrgTree },
  sizes: CommunitySizes = LARGE_COMMUNITY,
  options: { seed?: number; chunk?: number; pause?: () => Promise<void> } = {},
): Promise<number> {
  const rng = seededRandom(options.seed ?? 20261123);
  const usedIds = new Set<string>();
  const { repos, orgTree } = target;
  let made = 0;
  const tick = async () => {
    made++;
    if (options.pause && made % (options.chunk ?? 1000) === 0) await options.pause();
  };
  orgTree.ensureRoots('南街街道', '三坊七巷社区');
  const community = orgTree.tree()[0]!.children[0]!.node;
  const buildings: string[] = [];
  for (let g = 1; g <= sizes.grids; g++) {
    const grid = orgTree.addChild(community.id, { name: `第${g}网格党支部`, kind: 'grid' });
    for (let c = 1; c <= sizes.compoundsPerGrid; c++) {
      const compound = orgTree.addChild(grid.id, { name: `${g}-${c}小区党支部`, kind: 'compound' });
      for (let b = 1; b <= sizes.buildingsPerCompound; b++) {
        buildings.push(orgTree.addChild(compound.id, { name: `${g}-${c}-${b}号楼党小组`, kind: 'building' }).id);
      }
    }
  }
  const membersByBuilding = new Map<string, string[]>();
  for (let i = 0; i < sizes.partyMembers; i++) {
    const birth = date(rng, 1940, 2000);
    const joinDate = `${Math.min(2024, Number(birth.slice(0, 4)) + rng.int(18, 45))}${birth.slice(4)}`;
    const probationary = rng.next() < 0.05;
    const building = rng.pick(buildings);
    const member = repos.people.create({
      name: name(rng), roles: rng.next() < 0.1 ? ['党员', '志愿者'] : ['党员'], ethnicity: '汉族', birthDate: birth, idNumber: idNumber(rng, birth, usedIds),
      education: rng.pick(['研究生', '大学本科', '大学专科', '中专', '高中/中技', '初中及以下']),
      category: probationary ? '预备党员' : '正式党员', joinDate, confirmDate: probationary ? '' : `${Number(joinDate.slice(0, 4)) + 1}${joinDate.slice(4)}`,
      orgNodeId: building, phone: phone(rng), address: `${rng.int(1, 30)}号楼${rng.int(1, 4)}单元${rng.int(1, 18)}0${rng.int(1, 4)}室`,
      partyStatus: '正常', tags: rng.next() < 0.3 ? ['老党员'] : [], post: rng.pick(['政策宣传岗', '环境卫生监督岗', '邻里调解岗', '']), responsibilityArea: `${rng.int(1, 30)}号楼`,
    });
    membersByBuilding.set(building, [...(membersByBuilding.get(building) ?? []), member.id]);
    await tick();
  }
  for (let i = 0; i < sizes.inServiceMembers; i++) {
    repos.people.create({ name: name(rng), roles: ['在职党员'], phone: phone(rng), employer: `驻区单位${rng.int(1, 500)}`, reportDate: date(rng, 2021, 2026), claimedPost: '文明劝导岗', serviceTeam: '法律援助', skills: '法律咨询', sixOnes: { 当好一名联络员: '联系3户居民' } });
    await tick();
  }
  const teams: string[] = [];
  for (let i = 0; i < sizes.volunteerTeams; i++) {
    teams.push(repos.volunteerTeams.create({ name: `志愿服务队${i + 1}`, service: rng.pick(['水电维修', '法律援助', '医疗巡诊', '治安巡逻']), leaderName: name(rng) }).id);
  }
  const volunteerIds: string[] = [];
  for (let i = 0; i < sizes.volunteers; i++) {
    volunteerIds.push(repos.people.create({ name: name(rng), roles: ['志愿者'], gender: rng.pick(['男', '女']), phone: phone(rng), volunteerTeamIds: [rng.pick(teams)] }).id);
    await tick();
  }
  const units: string[] = [];
  for (let i = 0; i < sizes.residentUnits; i++) {
    units.push(repos.residentUnits.create({ name: `驻区单位${i + 1}`, unitType: rng.pick(['党政机关', '国有企业', '学校', '医院', '非公企业']), contactName: name(rng), contactPhone: phone(rng) }).id);
    await tick();
  }
  // Meetings as branches hold them: mostly 党小组会 of a building, some 支委会, a tenth 支部党员大会 of a whole grid.
  const grids = orgTree.children(community.id);
  for (let i = 0; i < sizes.meetings; i++) {
    const roll = rng.next();
    const grid = rng.pick(grids);
    const gridMembers = orgTree.descendants(grid.id).flatMap((n) => membersByBuilding.get(n.id) ?? []);
    const building = rng.pick(buildings);
    const [meetingType, orgNodeId, expected] =
      roll < 0.1 ? (['支部党员大会', grid.id, gridMembers] as const)
      : roll < 0.3 ? (['支委会', grid.id, gridMembers.slice(0, 7)] as const)
      : ([rng.pick(['党小组会', '党课', '主题党日'] as const), building, membersByBuilding.get(building) ?? []] as const);
    const attendance = Object.fromEntries(expected.map((id) => {
      const r = rng.next();
      return [id, r < 0.8 ? { status: '出席' as const } : r < 0.9 ? { status: '请假' as const, reason: '外出' } : { status: '缺席' as const, reason: '' }];
    }));
    const item = `item-${i}`;
    const meeting = repos.meetings.create({
      title: `第${i + 1}次${meetingType}`, meetingType, date: date(rng, 2021, 2026), startTime: '19:00', endTime: '21:00',
      place: '党群活动室', host: name(rng), recorder: name(rng), orgNodeId, attendance,
      agendaItems: [{ id: item, title: '研究社区重点工作' }],
      itemTexts: { [item]: `会议由书记主持。${'与会党员围绕社区治理、为民服务等议题进行了认真讨论，提出意见建议。'.repeat(rng.int(2, 6))}` },
      status: rng.next() < 0.9 ? '已定稿' : '草稿',
    });
    if (meetingType === '支部党员大会') {
      repos.meetingDecisions.create({ meetingId: meeting.id, orgNodeId, year: Number(meeting.date.slice(0, 4)), number: i + 1, text: '一致同意按计划推进。', voteFor: expected.length });
    }
    await tick();
  }
  for (let i = 0; i < sizes.activities; i++) {
    repos.activities.create({ title: `共建活动${i + 1}`, date: date(rng, 2021, 2026), unitId: rng.pick(units), unitIds: rng.next() < 0.3 && units.length ? [rng.pick(units)] : [], participants: rng.int(3, 60), hours: rng.int(1, 4), result: '开展入户走访，解决居民诉求。' });
    await tick();
  }
  // Venues of the service centre and of resident units; bookings spread over them, whole hours in opening time.
  const venueIds: { id: string; name: string }[] = [];
  for (let i = 0; i < sizes.venues; i++) {
    const base = VENUES[i % VENUES.length]!;
    const venue = repos.venues.create({ name: i < VENUES.length ? base : `${base}${Math.floor(i / VENUES.length) + 1}`, capacity: rng.int(10, 120), equipment: rng.next() < 0.5 ? ['投影', '音响'] : ['桌椅'] });
    venueIds.push({ id: venue.id, name: venue.name });
  }
  // As the app books: never two bookings in one venue's hour (clashes only come from merging offline PCs).
  const taken = new Set<string>();
  for (let i = 0; i < sizes.bookings; i++) {
    let venue = { id: '', name: rng.pick(VENUES) };
    let day = '';
    let start = 8;
    let end = 9;
    for (let attempt = 0; attempt < 20; attempt++) {
      venue = venueIds.length > 0 ? rng.pick(venueIds) : venue;
      day = date(rng, 2021, 2026);
      start = rng.int(8, 19);
      end = Math.min(22, start + rng.int(1, 2));
      const hours = Array.from({ length: end - start }, (_, k) => `${venue.id}|${day}|${start + k}`);
      if (hours.every((h) => !taken.has(h))) {
        hours.forEach((h) => taken.add(h));
        break;
      }
    }
    repos.bookings.create({ venue: venue.name, venueId: venue.id, date: day, startHour: start, endHour: end, booker: name(rng), phone: phone(rng), purpose: '活动' });
    await tick();
  }

  for (let i = 0; i < sizes.agreements; i++) {
    repos.agreements.create({ title: `共建协议${i + 1}`, unitId: rng.pick(units), signedDate: date(rng, 2021, 2026), content: '双方本着资源共享、优势互补的原则开展共驻共建。' });
    await tick();
  }
  await populateCoBuilding(repos, sizes, rng, units, tick);
  // Service activities entered from their sign-in sheets, their points posted as the app posts them; then awards and
  // redemptions (never beyond a balance) until the ledger has its size.
  const rules = activityRules(DEFAULT_POINT_RULES, '环境整治');
  const balance = new Map<string, number>();
  let lines = 0;
  for (let i = 0; i < sizes.serviceActivities && volunteerIds.length > 0; i++) {
    const attendance: Record<string, { name: string; arrive: string; leave: string }> = {};
    for (let k = rng.int(12, 24); k > 0; k--) {
      const id = rng.pick(volunteerIds);
      attendance[`person:${id}`] = { name: repos.people.get(id)!.name, arrive: rng.pick(['08:00', '08:30', '09:00']), leave: rng.pick(['09:30', '10:00', '11:30']) };
    }
    const activity = repos.serviceActivities.create({ title: `志愿服务${i + 1}`, date: date(rng, 2021, 2026), startTime: '08:00', endTime: '11:00', place: `${rng.int(1, 30)}号楼`, category: '环境整治', rules, attendance });
    for (const p of postingsFor({ ...activity, deleted: false }, [])) {
      if (lines >= sizes.pointEntries) break;
      repos.pointEntries.create({ personKey: p.personKey, personName: p.personName, date: activity.date, kind: '服务', points: p.points, hours: p.hours, activityId: activity.id });
      balance.set(p.personKey, (balance.get(p.personKey) ?? 0) + p.points);
      lines++;
      await tick();
    }
    await tick();
  }
  const earners = [...balance.keys()];
  while (lines < sizes.pointEntries && earners.length > 0) {
    const key = rng.pick(earners);
    const have = balance.get(key)!;
    const who = repos.people.get(key.slice(7))!.name;
    if (have >= 3 && rng.next() < 0.7) {
      repos.pointEntries.create({ personKey: key, personName: who, date: date(rng, 2024, 2026), kind: '兑换', points: -3, item: '洗衣液一瓶', handedBy: '基准' });
      balance.set(key, have - 3);
    } else {
      repos.pointEntries.create({ personKey: key, personName: who, date: date(rng, 2021, 2026), kind: '奖励', points: 2, reason: '表彰' });
      balance.set(key, have + 2);
    }
    lines++;
    await tick();
  }
  await options.pause?.();
  return made;
}

/**
 * Co-building of the resident units: resources (2 per unit), needs, projects using them, 兼职委员, 联席会议 with every
 * unit on the list, and whistles with a lead and co-handlers, their 报到 hours after, most closed and evaluated.
 */
async function populateCoBuilding(repos: Repositories, sizes: CommunitySizes, rng: SeededRandom, units: readonly string[], tick: () => Promise<void>): Promise<void> {
  if (units.length === 0) return;
  const resources: string[] = [];
  for (let i = 0; i < sizes.coResources; i++) {
    resources.push(repos.coResources.create({ unitId: units[i % units.length]!, kind: rng.pick(['场地', '设备', '技能', '资金', '志愿服务'] as const), title: rng.pick(['水电维修', '法律咨询', '义诊', '会议室', '图书捐赠', '助学资金', '心理辅导']) + (i + 1), description: rng.pick(['每月一次', '周末开放', '上门服务', '']) }).id);
    await tick();
  }
  for (let i = 0; i < sizes.coNeeds; i++) {
    repos.coNeeds.create({ kind: rng.pick(['场地', '设备', '技能', '资金', '志愿服务'] as const), title: rng.pick(['老人家中水电维修', '儿童暑期托管', '楼道照明', '法律援助', '健康讲座']) + (i + 1), from: `${rng.int(1, 30)}号楼居民`, urgency: rng.next() < 0.2 ? '紧急' : '一般' });
    await tick();
  }
  for (let i = 0; i < sizes.coProjects; i++) {
    const start = date(rng, 2021, 2026);
    const done = rng.next() < 0.6;
    repos.coProjects.create({
      title: `共建项目${i + 1}`, leadUnitId: rng.pick(units), coUnitIds: rng.next() < 0.4 ? [rng.pick(units)] : [], resourceIds: [rng.pick(resources)], budget: rng.int(0, 50) * 1000,
      startDate: start, endDate: done ? `${start.slice(0, 8)}28` : '', status: done ? '已完成' : rng.pick(['筹备中', '进行中'] as const), results: done ? '完成改造，居民满意。' : '',
    });
    await tick();
  }
  for (let i = 0; i < sizes.partTimeMembers; i++) {
    repos.partTimeMembers.create({ name: name(rng), unitId: units[(i * 5) % units.length]!, unitPost: '党委副书记', appointedOn: date(rng, 2021, 2024), duties: '协调单位资源参与社区治理' });
    await tick();
  }
  for (let i = 0; i < sizes.jointMeetings; i++) {
    const attendance = Object.fromEntries(units.map((id) => [`unit:${id}`, { kind: 'unit' as const, name: '', status: rng.next() < 0.7 ? ('出席' as const) : ('缺席' as const) }]));
    repos.meetings.create({ title: `党建联席会议${i + 1}`, meetingType: '党建联席会议', date: date(rng, 2021, 2026), attendance, status: '已定稿' });
    await tick();
  }
  for (let i = 0; i < sizes.whistles; i++) {
    const day = date(rng, 2021, 2026);
    const raisedAt = `${day}T${String(rng.int(8, 20)).padStart(2, '0')}:00`;
    const handlerUnits = [...new Set([rng.pick(units), ...(rng.next() < 0.5 ? [rng.pick(units), rng.pick(units)] : [])])];
    const handlers = Object.fromEntries(handlerUnits.map((id, k) => [`unit:${id}`, { name: `驻区单位${units.indexOf(id) + 1}`, kind: '驻区单位' as const, lead: k === 0 }]));
    const reportAt = (hours: number) => new Date(Date.parse(`${raisedAt}:00Z`) + hours * 3_600_000).toISOString().slice(0, 16);
    const reports = Object.fromEntries(handlerUnits.filter(() => rng.next() < 0.85).map((id) => [`unit:${id}`, { reportedAt: reportAt(rng.int(1, 72)) }]));
    const closed = Object.keys(reports).length > 0 && rng.next() < 0.7;
    repos.whistles.create({
      title: `吹哨事项${i + 1}`, date: day, raisedAt, leadUnitId: handlerUnits[0], urgency: rng.pick(['一般', '紧急', '特急'] as const), deadline: day, handlers, reports,
      closedAt: closed ? reportAt(96) : '', result: closed ? '已处理完毕' : '', evaluation: closed ? rng.pick(['满意', '满意', '基本满意', '不满意'] as const) : '',
    });
    await tick();
  }
}
