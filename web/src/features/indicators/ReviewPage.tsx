/** Placeholder while issue 8 is built; replaced by its owner. */
export default function ReviewPage() {
  return null;
}
