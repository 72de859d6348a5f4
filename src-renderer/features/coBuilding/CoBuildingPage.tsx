import { Tabs } from 'antd';
import { AgreementsPanel } from './AgreementsPanel';
import { WhistlesPanel } from './WhistlesPanel';
import { WishesPanel } from './WishesPanel';

/** 共驻共建 with resident units: 一书三单, 吹哨报到, 三单制 and 微心愿 (兼职委员 and the units' 考核 join here as they are built). */
export function CoBuildingPage() {
  return <Tabs destroyOnHidden items={[{ key: 'agreements', label: '一书三单', children: <AgreementsPanel /> }, { key: 'whistles', label: '吹哨报到', children: <WhistlesPanel /> }, { key: 'wishes', label: '微心愿与三单制', children: <WishesPanel /> }]} />;
}
