import { Tabs } from 'antd';
import { WishesPanel } from './WishesPanel';

/** 共驻共建 with resident units: 三单制 and 微心愿 (agreements, whistles and the units' 考核 join here as they are built). */
export function CoBuildingPage() {
  return <Tabs destroyOnHidden items={[{ key: 'wishes', label: '微心愿与三单制', children: <WishesPanel /> }]} />;
}
