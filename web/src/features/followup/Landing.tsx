import { Navigate } from 'react-router';
import { useMe } from '../../app/auth';
import { landingPath } from './landing';

/** `/`: officers and heads go to what they owe, leaders to their home. */
export default function Landing() {
  const { data: me } = useMe();
  return <Navigate to={landingPath(me)} replace />;
}
