// Intentionally empty: this library exists only for its SONAME (HighguiStub.cmake says why).
