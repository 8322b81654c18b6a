import time
from tests.dashboard.test_app import app
def test_t():
    app()
    for i in range(4):
        t=time.perf_counter(); at=app(); print("first", round(time.perf_counter()-t,3))
    for p in ["2","3","4","5"]:
        t=time.perf_counter(); at.radio(key="pair").set_value(p).run(); print(p, round(time.perf_counter()-t,3))
