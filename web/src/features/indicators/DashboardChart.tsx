import { Button, Card } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { DownloadIcon } from '../../components/icons';
import { useI18n } from '../../i18n/I18nProvider';

/** ECharts' option object, kept loose so that echarts' types stay in its lazy chunk. */
// biome-ignore lint/suspicious/noExplicitAny: the option object of ECharts
export type ChartOption = Record<string, any>;

interface EChartsLike {
  setOption(option: ChartOption, notMerge?: boolean): void;
  resize(): void;
  dispose(): void;
  getDataURL(opts: { type: 'png'; pixelRatio: number; backgroundColor: string }): string;
}

const loadECharts = () => import('./DashboardECharts');

/**
 * One chart in a card, with a PNG export. ECharts is imported on first use only (its own chunk,
 * loaded by the dashboard alone); the chart follows its container's width.
 */
export function DashboardChart({
  title,
  option,
  fileName,
  height = 300,
  testId,
}: {
  title: string;
  option: ChartOption;
  fileName: string;
  height?: number;
  testId?: string;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsLike | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    void loadECharts().then((echarts) => {
      if (disposed || !ref.current) return;
      chart.current = echarts.init(ref.current, undefined, { renderer: 'canvas' }) as unknown as EChartsLike;
      observer = new ResizeObserver(() => chart.current?.resize());
      observer.observe(ref.current);
      setReady(true);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (ready) chart.current?.setOption({ animation: false, ...option }, true);
  }, [ready, option]);

  const download = () => {
    const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    if (!url) return;
    const a = document.createElement('a');
    a.href = url;
    a.download = `${fileName}.png`;
    a.click();
  };

  return (
    <Card
      size="small"
      title={<span className="tk-dashboard-chart-title">{title}</span>}
      extra={
        <Button
          size="small"
          icon={<DownloadIcon />}
          onClick={download}
          aria-label={t('indicators.dashboard.png')}
          disabled={!ready}
        >
          PNG
        </Button>
      }
    >
      {ready ? null : <span className="tk-muted tk-small">{t('indicators.dashboard.chartLoading')}</span>}
      <div ref={ref} style={{ width: '100%', height }} role="img" aria-label={title} data-testid={testId} />
    </Card>
  );
}
