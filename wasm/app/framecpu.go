package app

// frameCPU measures the Go CPU time of each frame — every Update since the
// last Draw plus that Draw, read on the host's clock (performance.now() in
// the page) — and reports the mean over the last frameCPUWindow frames,
// which status() publishes as frameCpuMs. Headless browsers draw WebGL in
// software, so a frame's wall time says little there; the time Go holds the
// main thread is what decides whether the page can keep 60 frames a second.
type frameCPU struct {
	pending float64 // Update time since the last Draw, ms
	window  [frameCPUWindow]float64
	n, next int
	sum     float64
}

// frameCPUWindow is about a second of frames at 60 a second.
const frameCPUWindow = 60

// addUpdate records one Update's time.
func (f *frameCPU) addUpdate(ms float64) { f.pending += ms }

// endFrame records a Draw's time, closing the frame, and returns the mean
// frame time over the window.
func (f *frameCPU) endFrame(drawMs float64) float64 {
	frame := f.pending + drawMs
	f.pending = 0
	if f.n == frameCPUWindow {
		f.sum -= f.window[f.next]
	} else {
		f.n++
	}
	f.window[f.next] = frame
	f.sum += frame
	f.next = (f.next + 1) % frameCPUWindow
	// Re-add the window now and then so rounding cannot drift the sum.
	if f.next == 0 {
		f.sum = 0
		for _, v := range f.window[:f.n] {
			f.sum += v
		}
	}
	return f.sum / float64(f.n)
}
