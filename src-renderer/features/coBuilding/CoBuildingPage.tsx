import { useState } from 'react';
import { takeIntent } from '../../app/navigation';
import { Tabs } from 'antd';
import { AgreementsPanel } from './AgreementsPanel';
import { CoBuildingSettingsPanel } from './CoBuildingSettingsPanel';
import { JointActivitiesPanel } from './JointActivitiesPanel';
import { PartTimeMembersPanel } from './PartTimeMembersPanel';
import { UnitAssessmentPanel } from './UnitAssessmentPanel';
import { WhistlesPanel } from './WhistlesPanel';
import { WishesPanel } from './WishesPanel';

/** 共驻共建 with resident units: 一书三单, 兼职委员, 吹哨报到, 三单制 and 微心愿, joint activities, and the units' 考核. */
export function CoBuildingPage() {
  // A row of 今日待办 opens its tab (吹哨报到, 一书三单).
  const [intent] = useState(() => takeIntent('coBuilding'));
  const [tab, setTab] = useState(intent?.tab ?? 'agreements');
  return (
    <Tabs
      destroyOnHidden
      activeKey={tab}
      onChange={setTab}
      items={[
        { key: 'agreements', label: '一书三单', children: <AgreementsPanel focusId={intent?.tab === 'agreements' ? intent.id : undefined} /> },
        { key: 'partTime', label: '兼职委员', children: <PartTimeMembersPanel /> },
        { key: 'whistles', label: '吹哨报到', children: <WhistlesPanel openId={intent?.tab === 'whistles' ? intent.id : undefined} /> },
        { key: 'wishes', label: '微心愿与三单制', children: <WishesPanel /> },
        { key: 'activities', label: '共建活动', children: <JointActivitiesPanel /> },
        { key: 'assessment', label: '驻区单位考核', children: <UnitAssessmentPanel /> },
        { key: 'settings', label: '共建设置', children: <CoBuildingSettingsPanel /> },
      ]}
    />
  );
}
