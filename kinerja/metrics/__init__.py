"""Pure metrics, DataFrame in → DataFrame out: capaian, complaint metrics, working days, kelengkapan."""
