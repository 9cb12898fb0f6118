import { Layout } from '../../components/layout.tsx';

export default function Area() {
  return <Layout><h1>public</h1></Layout>;
}
